package dev.latchkey.core.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An OAuth error answer from the IdP (RFC 6749 section 5.2), made safe to show: the {@code error}
 * code when it is the short ASCII word the RFC prescribes, and the {@code error_description}
 * without control or direction-changing characters, on one line, at most
 * {@value #MAX_DESCRIPTION} characters, with whatever could be a credential taken out: the code or
 * token the request carried, and any long opaque string or JWT. An IdP that echoes what it was
 * sent cannot make Latchkey print a token.
 *
 * @param code the error code, or a placeholder when there is none a person could read
 * @param description the IdP's own words, when it gave any
 */
public record IdpError(String code, Optional<String> description) {

    /** The longest description shown; IdPs such as Entra ID append trace and correlation ids. */
    public static final int MAX_DESCRIPTION = 300;

    /** What replaces a credential-like part of a description. */
    static final String REDACTED = "[redacted]";

    /** A JWT, or a run of token characters long enough to be a code or token (UUIDs excepted: ids, not secrets). */
    private static final String TOKEN_CHAR = "[A-Za-z0-9._~+/=-]";
    private static final Pattern OPAQUE = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"
            + "|(?<!" + TOKEN_CHAR + ")(?![0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?!"
            + TOKEN_CHAR + "))" + TOKEN_CHAR + "{32,}");

    /**
     * Reads {@code error} and {@code error_description} from an answer's JSON object.
     *
     * @param sent the credentials the request carried (a device code, a refresh token); never shown
     */
    public static IdpError from(JsonNode body, Collection<String> sent) {
        JsonNode e = body == null ? null : body.get("error");
        String code;
        if (e == null || !e.isTextual()) {
            code = "no error code given";
        } else {
            // RFC 6749 5.2: error codes are short ASCII words; anything else is not echoed.
            code = e.asText().matches("[A-Za-z0-9_.\\-]{1,64}") ? e.asText() : "an unreadable error code";
        }
        JsonNode d = body == null ? null : body.get("error_description");
        return new IdpError(code, d != null && d.isTextual() ? clean(d.asText(), sent) : Optional.empty());
    }

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
            case "invalid_scope" -> "the IdP refused the scopes the broker asks for (" + scopes + "); ask the broker's "
                    + "operator to check them against client " + clientId + " at the IdP";
            case "temporarily_unavailable", "server_error" -> "the IdP had a problem of its own; try again in a minute";
            default -> "sign in again, and if it repeats ask the IdP's administrator about client " + clientId;
        };
    }

    private static Optional<String> clean(String raw, Collection<String> sent) {
        String text = raw;
        for (String secret : sent) {
            if (secret != null && !secret.isEmpty()) {
                text = text.replace(secret, REDACTED);
            }
        }
        text = OPAQUE.matcher(text).replaceAll(REDACTED);
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            boolean invisible = Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                    || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.UNASSIGNED;
            out.appendCodePoint(invisible || Character.isWhitespace(c) ? ' ' : c);
        });
        String one = out.toString().replaceAll(" {2,}", " ").strip().replace('"', '\'');
        if (one.isEmpty()) {
            return Optional.empty();
        }
        if (one.codePointCount(0, one.length()) > MAX_DESCRIPTION) {
            one = one.substring(0, one.offsetByCodePoints(0, MAX_DESCRIPTION)).strip() + "...";
        }
        return Optional.of(one);
    }
}
