package dev.latchkey.broker.secrets;

import java.time.Instant;

/**
 * A decrypted value. {@link #toString()} never shows it.
 *
 * @param value the plaintext
 * @param version which version it is
 * @param updated when that version was set
 */
public record SecretValue(String value, int version, Instant updated) {

    @Override
    public String toString() {
        return "SecretValue[<hidden>, version=" + version + ", updated=" + updated + "]";
    }
}
