package dev.latchkey.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;

/**
 * Reads fields of an IdP's JSON answer strictly: a missing field or one of the wrong type is
 * an {@link IdpProtocolException} naming the field and the URL, never the field's value.
 */
final class Fields {

    /** What a person can do about any malformed answer. */
    static final String ADVICE = "; check that the broker URL is right and that its IdP is set up for the OAuth "
            + "device flow, and tell whoever runs them if it persists";

    private final JsonNode node;
    private final String where;

    Fields(JsonNode node, String what, URI url) {
        this.node = node;
        this.where = what + " at " + url;
    }

    String text(String field) throws IdpProtocolException {
        return optionalText(field).orElseThrow(() -> new IdpProtocolException(where + " left out '" + field
                + "'" + ADVICE));
    }

    Optional<String> optionalText(String field) throws IdpProtocolException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IdpProtocolException(where + " sent '" + field + "' as something other than text" + ADVICE);
        }
        return Optional.of(v.asText());
    }

    /** A whole number of seconds, at least {@code min}, at most {@code max}. */
    Optional<Long> optionalSeconds(String field, long min, long max) throws IdpProtocolException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        long n;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.asLong();
        } else if (v.isTextual() && v.asText().matches("[0-9]{1,9}")) {
            // Some IdPs (older Azure AD) send numbers as strings; the value is still unambiguous.
            n = Long.parseLong(v.asText());
        } else {
            throw new IdpProtocolException(where + " sent '" + field + "' that is not a whole number of seconds" + ADVICE);
        }
        if (n < min || n > max) {
            throw new IdpProtocolException(where + " sent '" + field + "' = " + n + " seconds, outside "
                    + min + ".." + max + ADVICE);
        }
        return Optional.of(n);
    }
}
