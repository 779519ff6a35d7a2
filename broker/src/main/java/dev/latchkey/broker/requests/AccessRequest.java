package dev.latchkey.broker.requests;

import dev.latchkey.broker.grants.Grant;
import dev.latchkey.broker.policy.ScopeId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for time-boxed read access, as filed and as it stands now.
 *
 * @param id {@code r_...}
 * @param requester the requester's subject
 * @param requesterName the requester's username
 * @param requesterDisplayName the requester's name for people (the token's {@code name} claim, else the username)
 * @param scope the scope asked for
 * @param secrets the secrets asked for; empty for the whole scope
 * @param justification why, in the requester's words
 * @param duration how long the access lasts once it starts
 * @param startAt when access should start; empty for "on approval"
 * @param createdAt when it was filed
 * @param expiresAt when it lapses if nobody decides it
 * @param reviewSla how soon the policy expected a decision (for metrics)
 * @param reviewers the scope's approve groups when it was filed
 * @param state where it stands
 * @param decidedBy a reviewer's username, the requester's (cancelled), or {@code policy:<rule>}
 * @param decidedAt when it left pending
 * @param reason the reviewer's reason
 * @param extendsGrant the grant this asks to extend
 * @param grantId the grant its approval made
 * @param grant that grant, when the reader loaded it
 */
public record AccessRequest(String id, String requester, String requesterName, String requesterDisplayName, ScopeId scope, List<String> secrets,
        String justification, Duration duration, Optional<Instant> startAt, Instant createdAt, Instant expiresAt,
        Duration reviewSla, List<String> reviewers, RequestState state, Optional<String> decidedBy,
        Optional<Instant> decidedAt, Optional<String> reason, Optional<String> extendsGrant, Optional<String> grantId,
        Optional<Grant> grant) {

    /** How {@code decidedBy} names an auto-approval rule. */
    public static final String POLICY_PREFIX = "policy:";

    public AccessRequest {
        Objects.requireNonNull(id, "id");
        if (requesterDisplayName == null || requesterDisplayName.isBlank()) {
            requesterDisplayName = requesterName;
        }
        secrets = List.copyOf(secrets);
        reviewers = List.copyOf(reviewers);
    }

    /** The same request with its grant attached. */
    public AccessRequest withGrant(Optional<Grant> value) {
        return new AccessRequest(id, requester, requesterName, requesterDisplayName, scope, secrets, justification, duration, startAt,
                createdAt, expiresAt, reviewSla, reviewers, state, decidedBy, decidedAt, reason, extendsGrant, grantId,
                value);
    }

    /** Pending, but past its expiry: the next read or sweep expires it. */
    public boolean lapsedAt(Instant now) {
        return state == RequestState.PENDING && !now.isBefore(expiresAt);
    }
}
