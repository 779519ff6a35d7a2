package dev.latchkey.core.internal.keychain;

import dev.latchkey.core.keychain.KeychainException;

/**
 * There is no keychain to ask: no Secret Service on the session bus (or no session bus at all),
 * or the one that kept the session has stopped.
 */
public final class KeychainUnavailableException extends KeychainException {

    private static final long serialVersionUID = 1L;

    public KeychainUnavailableException(String reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
