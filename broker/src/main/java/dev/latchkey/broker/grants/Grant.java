package dev.latchkey.broker.grants;

import dev.latchkey.broker.policy.ScopeId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Read access to a scope (or some of its secrets) for one person, from {@code startsAt} up to but
 * not including {@code endsAt}: one second after the end, the same call is refused.
 *
 * @param id {@code g_...}
 * @param requestId the approved request it came from
 * @param grantee the grantee's subject
 * @param granteeName the grantee's username, for people
 * @param scope the scope
 * @param secrets the secrets it covers; empty for the whole scope
 * @param startsAt the first instant of access
 * @param endsAt the first instant without access
 * @param revoked who took it back, when and why, if anyone did
 */
public record Grant(String id, String requestId, String grantee, String granteeName, ScopeId scope,
        List<String> secrets, Instant startsAt, Instant endsAt, Optional<Revocation> revoked) {

    public Grant {
        Objects.requireNonNull(id, "id");
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(revoked, "revoked");
    }

    /**
     * A revocation.
     *
     * @param by the revoker's username
     * @param bySubject the revoker's subject
     * @param at when
     * @param reason why, if they said
     */
    public record Revocation(String by, String bySubject, Instant at, Optional<String> reason) {
    }

    public GrantState state(Instant now) {
        if (revoked.isPresent()) {
            return GrantState.REVOKED;
        }
        if (now.isBefore(startsAt)) {
            return GrantState.SCHEDULED;
        }
        return now.isBefore(endsAt) ? GrantState.ACTIVE : GrantState.ENDED;
    }

    /** Whether the grantee may read through this grant at {@code now}. */
    public boolean activeAt(Instant now) {
        return state(now) == GrantState.ACTIVE;
    }

    /** Whether it covers {@code secret}. */
    public boolean covers(String secret) {
        return secrets.isEmpty() || secrets.contains(secret);
    }

    public Duration length() {
        return Duration.between(startsAt, endsAt);
    }
}
