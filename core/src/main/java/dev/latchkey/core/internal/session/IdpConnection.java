package dev.latchkey.core.internal.session;

import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.internal.auth.TokenEndpoint;

/**
 * The IdP's token endpoint, found by discovery the first time it is needed: reading a still-valid
 * token from the keychain needs no network at all.
 */
@FunctionalInterface
public interface IdpConnection {

    TokenEndpoint endpoint() throws AuthException;
}
