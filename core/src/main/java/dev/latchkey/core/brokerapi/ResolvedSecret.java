package dev.latchkey.core.brokerapi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A secret value the caller may read now, and when that access ends.
 *
 * <p>{@link #toString()} never shows the value, so a record printed by mistake leaks nothing.
 *
 * @param ref which secret
 * @param value the value; goes only into a child's environment
 * @param accessEnds when the caller's access ends (a grant's end), empty for standing access
 */
public record ResolvedSecret(SecretRef ref, String value, Optional<Instant> accessEnds) {

    public ResolvedSecret {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(accessEnds, "accessEnds");
    }

    @Override
    public String toString() {
        return "ResolvedSecret[" + ref + ", value=<hidden>, accessEnds=" + accessEnds.map(Instant::toString).orElse("-") + "]";
    }
}
