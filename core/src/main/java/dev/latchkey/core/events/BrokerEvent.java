package dev.latchkey.core.events;

import dev.latchkey.core.brokerapi.AccessRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Something the broker tells a signed-in client about as it happens ({@code GET /v1/events}):
 * decisions on requests and the life of grants. Names, ids and instants only; never a value or
 * a token.
 */
public sealed interface BrokerEvent {

    /** The broker's event id: increasing, and what a reconnect resumes after. */
    long id();

    /** When it happened. */
    Instant at();

    /** {@code request.created}, to the scope's reviewers: someone asked for access. */
    record RequestCreated(long id, Instant at, String requestId, String scope, String requester, Duration duration)
            implements BrokerEvent {
    }

    /** {@code request.decided}, to the requester: approved, denied, expired or cancelled. */
    record RequestDecided(long id, Instant at, String requestId, String scope, AccessRequest.State state,
                          Optional<String> decidedBy, Optional<String> reason, Optional<String> grantId)
            implements BrokerEvent {
    }

    /** {@code grant.starting}, to the grantee: a grant begins. */
    record GrantStarting(long id, Instant at, String grantId, String scope, Instant startsAt, Instant endsAt)
            implements BrokerEvent {
    }

    /** {@code grant.ending-soon}, to the grantee, a lead time before the end. */
    record GrantEndingSoon(long id, Instant at, String grantId, String scope, Instant endsAt) implements BrokerEvent {
    }

    /** {@code grant.ended}: a grant reached its end. */
    record GrantEnded(long id, Instant at, String grantId, String scope, Instant endsAt) implements BrokerEvent {
    }

    /** {@code grant.revoked}: someone ended a grant early. */
    record GrantRevoked(long id, Instant at, String grantId, String scope, Optional<String> revokedBy,
                        Optional<String> reason) implements BrokerEvent {
    }

    /** A type this client does not know yet (a newer broker); safe to ignore. */
    record Other(long id, Instant at, String type) implements BrokerEvent {
    }
}
