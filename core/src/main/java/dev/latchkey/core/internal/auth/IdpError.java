package dev.latchkey.core.internal.auth;

import java.util.Optional;

/**
 * An OAuth error answer from the IdP (RFC 6749 section 5.2), made safe to show: the {@code error}
 * code when it is the short ASCII word the RFC prescribes, and the {@code error_description}
 * without control or direction-changing characters, on one line, at most
 * {@value #MAX_DESCRIPTION} characters, with whatever could be a credential taken out: the code or
 * token the request carried, and any long opaque string or JWT. An IdP that echoes what it was
 * sent cannot make Latchkey print a token. Core reads it from the IdP's answer.
 *
 * @param code the error code, or a placeholder when there is none a person could read
 * @param description the IdP's own words, when it gave any
 */
public record IdpError(String code, Optional<String> description) {

    /** The longest description shown; IdPs such as Entra ID append trace and correlation ids. */
    public static final int MAX_DESCRIPTION = 300;

    /** {@code not_allowed ("Offline tokens not allowed for the user or client")}. */
    public String describe() {
        return code + description.map(d -> " (\"" + d + "\")").orElse("");
    }

    /**
     * What a person can do about this error, for the known codes.
     *
     * @param clientId the OAuth client Latchkey signs in as, for the IdP's administrator
     * @param scopes the scopes asked for
     */
    public String hint(String clientId, String scopes) {
        return switch (code) {
            case "not_allowed" -> "the IdP does not allow offline access for you or for client " + clientId
                    + "; ask its administrator, or the broker's operator to turn offline access off";
            case "invalid_client" -> "the IdP does not know client " + clientId + " as a public client; ask its "
                    + "administrator to set it up as docs/deploy.md describes";
            case "unauthorized_client" -> "client " + clientId + " may not use the device sign-in at the IdP; ask its "
                    + "administrator to enable the OAuth 2.0 device authorization grant for it";
            case "invalid_scope" -> "the IdP refused the scopes the broker asks for (" + scopes + "); if you approved "
                    + "a moment ago, sign in once more (some IdPs, Keycloak among them, can answer before they have stored "
                    + "your consent); if it repeats, ask the broker's operator to check the scopes against client "
                    + clientId + " at the IdP";
            case "temporarily_unavailable", "server_error" -> "the IdP had a problem of its own; try again in a minute";
            default -> "sign in again, and if it repeats ask the IdP's administrator about client " + clientId;
        };
    }
}
