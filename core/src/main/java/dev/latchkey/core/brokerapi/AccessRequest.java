package dev.latchkey.core.brokerapi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for time-boxed access to a scope, and what became of it.
 *
 * @param id the request's id ({@code r_...})
 * @param requester who asked (a username)
 * @param requesterName the requester's display name
 * @param scope {@code team/env}
 * @param secrets the secrets asked for; empty means the whole scope
 * @param justification why (a ticket, a sentence)
 * @param duration how long the access should last
 * @param startAt when it should start; empty means on approval
 * @param createdAt when it was made
 * @param state where it is now
 * @param expiresAt when a pending request lapses undecided
 * @param reviewers the groups that may decide it
 * @param decidedBy who decided: a username, or {@code policy:<rule>} for an auto-approval
 * @param decidedAt when it was decided
 * @param reason the reviewer's reason
 * @param extendsGrant the grant this request would extend
 * @param grant the grant it produced, once approved
 */
public record AccessRequest(String id, String requester, String requesterName, String scope, List<String> secrets,
                            String justification, Duration duration, Optional<Instant> startAt, Instant createdAt,
                            State state, Optional<Instant> expiresAt, List<String> reviewers,
                            Optional<String> decidedBy, Optional<Instant> decidedAt, Optional<String> reason,
                            Optional<String> extendsGrant, Optional<Grant> grant) {

    /** Where a request is in its life. */
    public enum State {
        /** Waiting for a reviewer. */
        PENDING,
        /** Approved by a reviewer or by a policy rule; {@link #grant()} holds the grant. */
        APPROVED,
        /** A reviewer said no; {@link #reason()} says why. */
        DENIED,
        /** The requester withdrew it. */
        CANCELLED,
        /** Nobody decided before {@link #expiresAt()}. */
        EXPIRED,
        /** Approved, then its grant was revoked. */
        REVOKED;

        /** The contract's word for this state. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** True once nothing more will happen to the request. */
        public boolean decided() {
            return this != PENDING;
        }
    }

    public AccessRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(requesterName, "requesterName");
        Objects.requireNonNull(scope, "scope");
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(startAt, "startAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expiresAt, "expiresAt");
        reviewers = List.copyOf(reviewers);
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(extendsGrant, "extendsGrant");
        Objects.requireNonNull(grant, "grant");
    }

    /** True when a policy rule approved it without a person ({@code decidedBy} is {@code policy:<rule>}). */
    public boolean autoApproved() {
        return decidedBy.filter(d -> d.startsWith("policy:")).isPresent();
    }
}
