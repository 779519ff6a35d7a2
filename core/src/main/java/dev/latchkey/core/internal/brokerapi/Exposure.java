package dev.latchkey.core.internal.brokerapi;

import dev.latchkey.core.brokerapi.SecretRef;
import java.util.Locale;
import java.util.Objects;

/**
 * How often the leak guard found one secret: a count by reference, never a value or a file.
 *
 * @param ref the secret
 * @param kind stopped before it was committed or pushed, or found in a commit that reached a remote
 * @param count how many places (file and line) it was found in
 */
public record Exposure(SecretRef ref, Kind kind, int count) {

    /** Whether the leak was stopped, or happened. */
    public enum Kind {
        /** Stopped by a hook: the value never left the machine. */
        PREVENTED,
        /** In a commit that reached a remote: the secret must be rotated. */
        EXPOSED;

        /** The API's word for it. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Exposure {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(kind, "kind");
        if (count < 1) {
            throw new IllegalArgumentException("an exposure count is at least 1");
        }
    }
}
