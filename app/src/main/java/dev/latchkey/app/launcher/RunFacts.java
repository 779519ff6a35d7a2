package dev.latchkey.app.launcher;

import dev.latchkey.core.brokerapi.SecretRef;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the last start of a launched app was given and when, for its detail pane. Names and numbers
 * only, never a value.
 *
 * @param references the references the start was given, in order; empty before it was granted
 * @param startedAt when the child was started (its resolution granted), by the app's clock
 * @param pid the child's process id once known; kept after the child ended
 */
public record RunFacts(List<SecretRef> references, Optional<Instant> startedAt, OptionalLong pid) {

    /** Before a start was granted. */
    static final RunFacts NONE = new RunFacts(List.of(), Optional.empty(), OptionalLong.empty());

    public RunFacts {
        references = List.copyOf(references);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(pid, "pid");
    }

    /** A start granted {@code refs} at {@code at}: the child starts now, its pid not yet known. */
    static RunFacts granted(Set<SecretRef> refs, Instant at) {
        return new RunFacts(refs.stream().sorted(Comparator.comparing(SecretRef::toString)).toList(), Optional.of(at),
                OptionalLong.empty());
    }

    /** These facts with the child's pid. */
    RunFacts withPid(long childPid) {
        return new RunFacts(references, startedAt, OptionalLong.of(childPid));
    }
}
