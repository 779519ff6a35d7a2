package dev.latchkey.core.internal.session;

import dev.latchkey.core.internal.json.JsonFields;
import dev.latchkey.core.internal.json.MalformedJson;
import dev.latchkey.core.internal.json.StrictJson;
import java.io.IOException;
import java.time.Instant;

/**
 * The JSON of an account's {@code <subject>/access-token} keychain entry, {@code {"token", "expiresAt"}}
 * (epoch seconds), read with {@link StrictJson}: every command that calls the broker reads it, and
 * Jackson's first mapper costs such a command more than the read itself.
 *
 * @param token the access token, or null when the entry holds none
 * @param expiresAt when it expires ({@link Instant#EPOCH} when the entry does not say)
 */
record AccessEntry(String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "AccessEntry[token=<hidden>, expiresAt=" + expiresAt + "]";
    }

    /** Reads an entry; a token that is not text counts as none, an end that is not a whole number as the epoch. */
    static AccessEntry decode(String json) throws IOException {
        try {
            JsonFields n = JsonFields.parse(json);
            String token = textOrNull(n);
            long expiresAt;
            try {
                expiresAt = n.wholeNumberOr("expiresAt", 0);
            } catch (MalformedJson notANumber) {
                expiresAt = 0;
            }
            return new AccessEntry(token, Instant.ofEpochSecond(expiresAt));
        } catch (MalformedJson e) {
            // The message says where and what, never a piece of the entry.
            throw new IOException("the access-token entry " + (e.field().isEmpty() ? "" : "where ") + e.getMessage());
        }
    }

    private static String textOrNull(JsonFields n) {
        try {
            return n.optionalText("token");
        } catch (MalformedJson notText) {
            return null;
        }
    }
}
