package dev.latchkey.core.brokerapi;

/**
 * What {@code GET /.well-known/latchkey} says: enough to sign in knowing only the broker's URL.
 *
 * @param issuer the IdP's issuer URL
 * @param clientId the OAuth client id clients use
 * @param scopes the OAuth scopes to ask for
 * @param brokerVersion the broker's version
 */
public record BrokerInfo(String issuer, String clientId, String scopes, String brokerVersion) {
}
