package dev.latchkey.core.internal.auth;

import dev.latchkey.core.auth.IdpProtocolException;
import dev.latchkey.core.internal.http.WireJson;
import dev.latchkey.core.internal.json.MalformedJson;
import java.net.URI;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The broker's well-known document and the IdP's answers read into records through
 * {@link WireJson}: a missing field, one of the wrong type or a blank one is an
 * {@link IdpProtocolException} naming the field and the URL, never the field's value.
 */
final class IdpJson {

    /** What a person can do about any malformed answer. */
    static final String ADVICE = "; check that the broker URL is right and that its IdP is set up for the OAuth "
            + "device flow, and tell whoever runs them if it persists";

    private IdpJson() {
    }

    /** {@code body} as a {@code type}; {@code what} at {@code url} names the answer in an error. */
    static <T> T read(JsonNode body, Class<T> type, String what, URI url) throws IdpProtocolException {
        try {
            return WireJson.read(body, type);
        } catch (MalformedJson e) {
            throw new IdpProtocolException(what + " at " + url + " sent an answer "
                    + (e.field().isEmpty() ? "that " : "where ") + e.getMessage() + ADVICE);
        }
    }

    /** For a record's compact constructor: text that is there must say something. */
    static String notBlank(String value, String field) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is empty");
        }
        return value;
    }

    /** A number of seconds the answer may leave out, at least {@code min}, at most {@code max}. */
    static Optional<Long> seconds(Long value, String field, long min, long max, String what, URI url)
            throws IdpProtocolException {
        if (value != null && (value < min || value > max)) {
            throw new IdpProtocolException(what + " at " + url + " sent '" + field + "' outside " + min + ".." + max
                    + " seconds" + ADVICE);
        }
        return Optional.ofNullable(value);
    }

    /** The answer left out {@code field}, which it needed. */
    static IdpProtocolException leftOut(String field, String what, URI url) {
        return new IdpProtocolException(what + " at " + url + " left out '" + field + "'" + ADVICE);
    }
}
