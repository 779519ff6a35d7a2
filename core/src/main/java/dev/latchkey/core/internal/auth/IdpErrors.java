package dev.latchkey.core.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads an {@link IdpError} from the IdP's JSON answer, keeping out what could be a credential. */
public final class IdpErrors {

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
        if (one.codePointCount(0, one.length()) > IdpError.MAX_DESCRIPTION) {
            one = one.substring(0, one.offsetByCodePoints(0, IdpError.MAX_DESCRIPTION)).strip() + "...";
        }
        return Optional.of(one);
    }

    private IdpErrors() {
    }
}
