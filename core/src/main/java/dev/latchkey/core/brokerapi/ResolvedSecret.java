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
 * @param accessEnds when the caller's access to this secret ends (the end of the grants that cover
 *        it), empty for standing access
 * @param grantId the grant whose end {@code accessEnds} is, the one to extend; empty for standing
 *        access and from brokers that do not say
 */
public record ResolvedSecret(SecretRef ref, String value, Optional<Instant> accessEnds, Optional<String> grantId) {

    public ResolvedSecret {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(accessEnds, "accessEnds");
        Objects.requireNonNull(grantId, "grantId");
    }

    /** A value whose grant is not known. */
    public ResolvedSecret(SecretRef ref, String value, Optional<Instant> accessEnds) {
        this(ref, value, accessEnds, Optional.empty());
    }

    @Override
    public String toString() {
        return "ResolvedSecret[" + ref + ", value=<hidden>, accessEnds=" + accessEnds.map(Instant::toString).orElse("-")
                + grantId.map(g -> ", grant=" + g).orElse("") + "]";
    }
}
