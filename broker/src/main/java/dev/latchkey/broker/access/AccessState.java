package dev.latchkey.broker.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** What a caller may do with a scope's values right now. */
public sealed interface AccessState {

    /** The policy gives the caller's group standing read access. */
    record Standing() implements AccessState {
    }

    /**
     * A grant lets the caller read until {@code until}.
     *
     * @param until the first instant without access (grants that follow on without a gap count as one)
     * @param secrets the secrets the grants cover; empty for the whole scope
     */
    record Granted(Instant until, Set<String> secrets) implements AccessState {
        public Granted {
            secrets = Set.copyOf(secrets);
        }

        /** A grant for the whole scope. */
        public Granted(Instant until) {
            this(until, Set.of());
        }

        /** Whether the grant lets the caller read {@code secret}. */
        public boolean covers(String secret) {
            return secrets.isEmpty() || secrets.contains(secret);
        }
    }

    /**
     * The caller may ask for access for up to {@code maxDuration}.
     *
     * @param maxDuration the longest request the policy allows
     * @param autoApprovedUpTo the longest request approved without a reviewer, if any
     */
    record Requestable(Duration maxDuration, Optional<Duration> autoApprovedUpTo) implements AccessState {
    }

    /** The caller may see the scope but neither read nor request it. */
    record None() implements AccessState {
    }

    /** True when values may be read now. */
    default boolean mayRead() {
        return switch (this) {
            case Standing s -> true;
            case Granted g -> true;
            case Requestable r -> false;
            case None n -> false;
        };
    }

    /** When read access ends; empty for standing access and for no access. */
    default Optional<Instant> accessEnds() {
        return switch (this) {
            case Granted g -> Optional.of(g.until());
            case Standing s -> Optional.empty();
            case Requestable r -> Optional.empty();
            case None n -> Optional.empty();
        };
    }
}
