package dev.latchkey.core.brokerapi;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Time-boxed access to a scope, given when an access request was approved.
 *
 * <p>{@code GET /v1/me} may list grants with only a scope and an end; such grants have an empty
 * {@link #id()} and are {@link State#ACTIVE}.
 *
 * @param id the grant's id ({@code g_...}), empty when the broker did not say
 * @param requestId the access request it came from, empty when unknown
 * @param grantee who holds it (a username)
 * @param scope {@code team/env}
 * @param secrets the secrets it covers; empty means the whole scope
 * @param startsAt when it starts (grants may be scheduled)
 * @param endsAt when it ends (exclusive: one second after, reads are refused)
 * @param state where it is in its life
 * @param revokedBy who revoked it, for {@link State#REVOKED}
 * @param revokedAt when it was revoked
 */
public record Grant(String id, String requestId, String grantee, String scope, List<String> secrets,
                    Optional<Instant> startsAt, Instant endsAt, State state, Optional<String> revokedBy,
                    Optional<Instant> revokedAt) {

    /** Where a grant is in its life. */
    public enum State {
        /** Approved, starting later. */
        SCHEDULED,
        /** Readable now. */
        ACTIVE,
        /** Reached its end. */
        ENDED,
        /** Stopped early by someone. */
        REVOKED;

        /** The contract's word for this state. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Grant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(scope, "scope");
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(revokedBy, "revokedBy");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    /** Whether it covers the secret {@code name} of its scope: it names it, or covers the whole scope. */
    public boolean covers(String name) {
        return secrets.isEmpty() || secrets.contains(name);
    }

    /** Whether it covers {@code ref}: same scope, and the secret is one of its own. */
    public boolean covers(SecretRef ref) {
        return scope.equals(ref.scope()) && covers(ref.name());
    }

    /**
     * Whether it lets its grantee read at {@code now}: started (a grant without a start is taken
     * as started), not ended, not revoked.
     */
    public boolean activeAt(Instant now) {
        return (state == State.ACTIVE || state == State.SCHEDULED) && revokedAt.isEmpty()
                && startsAt.map(s -> !now.isBefore(s)).orElse(true) && now.isBefore(endsAt);
    }

    /** What it covers, as a person reads it: {@code payments/prod}, {@code payments/prod/db-url}, {@code payments/prod (db-url, stripe-api-key)}. */
    public String what() {
        return secrets.isEmpty() ? scope : secrets.size() == 1 ? scope + "/" + secrets.getFirst()
                : scope + " (" + String.join(", ", secrets) + ")";
    }

    /** A grant known only by its scope and end, as {@code /v1/me} may list it. */
    public static Grant of(String scope, Instant endsAt) {
        return new Grant("", "", "", scope, List.of(), Optional.empty(), endsAt, State.ACTIVE, Optional.empty(),
                Optional.empty());
    }
}
