package dev.latchkey.broker.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
     * @param grants the caller's grants for the scope that are active or scheduled, earliest start first;
     *     empty when not known (then {@link #coverage} falls back to {@code until})
     */
    record Granted(Instant until, Set<String> secrets, List<GrantWindow> grants) implements AccessState {
        public Granted {
            secrets = Set.copyOf(secrets);
            grants = List.copyOf(grants);
        }

        /** Grants known only by their run's end and the secrets they cover. */
        public Granted(Instant until, Set<String> secrets) {
            this(until, secrets, List.of());
        }

        /** A grant for the whole scope. */
        public Granted(Instant until) {
            this(until, Set.of());
        }

        /** Whether the grant lets the caller read {@code secret}. */
        public boolean covers(String secret) {
            return secrets.isEmpty() || secrets.contains(secret);
        }

        /**
         * When the caller's access to {@code secret} ends, and through which grant: the grants that
         * cover it and are active at {@code now}, followed on by those that cover it and start by the
         * end so far (an extension). Another secret's longer grant does not count.
         */
        public Coverage coverage(String secret, Instant now) {
            Instant end = null;
            String grantId = "";
            for (GrantWindow g : grants) {
                if (g.covers(secret) && g.activeAt(now) && (end == null || g.endsAt().isAfter(end))) {
                    end = g.endsAt();
                    grantId = g.id();
                }
            }
            if (end == null) {
                return new Coverage(until, Optional.empty());
            }
            for (GrantWindow g : grants) {
                if (g.covers(secret) && !g.startsAt().isAfter(end) && g.endsAt().isAfter(end)) {
                    end = g.endsAt();
                    grantId = g.id();
                }
            }
            return new Coverage(end, Optional.of(grantId));
        }
    }

    /**
     * One grant as access is decided from it: no revoked grant is ever one of these.
     *
     * @param id {@code g_...}
     * @param requestId the request it came from
     * @param secrets the secrets it covers; empty for the whole scope
     * @param startsAt its first instant of access
     * @param endsAt its first instant without access
     */
    record GrantWindow(String id, String requestId, List<String> secrets, Instant startsAt, Instant endsAt) {
        public GrantWindow {
            secrets = List.copyOf(secrets);
        }

        public boolean covers(String secret) {
            return secrets.isEmpty() || secrets.contains(secret);
        }

        public boolean activeAt(Instant now) {
            return !now.isBefore(startsAt) && now.isBefore(endsAt);
        }
    }

    /**
     * How long the caller may read one secret.
     *
     * @param until the first instant without access
     * @param grantId the grant whose end {@code until} is (the one to extend); empty when not known
     */
    record Coverage(Instant until, Optional<String> grantId) {
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
