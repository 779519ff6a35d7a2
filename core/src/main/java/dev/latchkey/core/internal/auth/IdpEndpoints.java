package dev.latchkey.core.internal.auth;

import java.net.URI;
import java.util.Optional;

/**
 * What discovery learned: which IdP the broker trusts, as which client, and where that IdP's
 * endpoints are. Every URL here has passed {@link SecureUrl}.
 *
 * @param broker the broker's URL
 * @param issuer the IdP's issuer
 * @param clientId the public OAuth client Latchkey signs in as
 * @param scopes the scopes to ask for, space-separated
 * @param deviceAuthorization the RFC 8628 device authorization endpoint
 * @param token the token endpoint
 * @param revocation the RFC 7009 revocation endpoint, when the IdP has one
 */
public record IdpEndpoints(
        URI broker, URI issuer, String clientId, String scopes,
        URI deviceAuthorization, URI token, Optional<URI> revocation) {
}
