package dev.latchkey.core.internal.events;

import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.events.BrokerEvent;
import dev.latchkey.core.internal.http.WireJson;
import dev.latchkey.core.internal.json.MalformedJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the broker's {@code (id, type, data)} into a {@link BrokerEvent}. An event this client
 * cannot read is reported as a {@link Problem} and skipped; the stream goes on.
 */
public final class EventDecoder {

    /** Why an event was skipped: the field at fault; never the data itself. */
    public static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Every field an event's data may carry, as the wire writes it; which of them a type needs is
     * checked per type below. {@code at} every event has.
     */
    public record Data(Instant at, String requestId, String scope, String requester, Long durationSeconds,
                AccessRequest.State state, String decidedBy, String reason, String grantId, Instant startsAt,
                Instant endsAt, String revokedBy) {
        public Data {
            Objects.requireNonNull(at, "at");
        }
    }

    private EventDecoder() {
    }

    public static BrokerEvent decode(long id, String type, String data) throws Problem {
        Data n;
        try {
            n = WireJson.read(data, Data.class);
        } catch (MalformedJson e) {
            throw new Problem(e.field().isEmpty() ? "event " + id + " (" + printable(type) + ") carries data that "
                    + e.getMessage() : "event " + id + ": " + e.getMessage());
        }
        Instant at = n.at();
        return switch (type) {
            case "request.created" -> new BrokerEvent.RequestCreated(id, at, need(n.requestId(), "requestId", id),
                    need(n.scope(), "scope", id), need(n.requester(), "requester", id),
                    Duration.ofSeconds(Math.max(0, n.durationSeconds() == null ? 0 : n.durationSeconds())));
            case "request.decided" -> new BrokerEvent.RequestDecided(id, at, need(n.requestId(), "requestId", id),
                    need(n.scope(), "scope", id), need(n.state(), "state", id), Optional.ofNullable(n.decidedBy()),
                    Optional.ofNullable(n.reason()), Optional.ofNullable(n.grantId()));
            case "grant.starting" -> new BrokerEvent.GrantStarting(id, at, need(n.grantId(), "grantId", id),
                    need(n.scope(), "scope", id), need(n.startsAt(), "startsAt", id), need(n.endsAt(), "endsAt", id));
            case "grant.ending-soon" -> new BrokerEvent.GrantEndingSoon(id, at, need(n.grantId(), "grantId", id),
                    need(n.scope(), "scope", id), need(n.endsAt(), "endsAt", id));
            case "grant.ended" -> new BrokerEvent.GrantEnded(id, at, need(n.grantId(), "grantId", id),
                    need(n.scope(), "scope", id), need(n.endsAt(), "endsAt", id));
            case "grant.revoked" -> new BrokerEvent.GrantRevoked(id, at, need(n.grantId(), "grantId", id),
                    need(n.scope(), "scope", id), Optional.ofNullable(n.revokedBy()), Optional.ofNullable(n.reason()));
            default -> new BrokerEvent.Other(id, at, printable(type));
        };
    }

    private static <T> T need(T value, String field, long id) throws Problem {
        if (value == null) {
            throw new Problem("event " + id + ": '" + field + "' is missing");
        }
        return value;
    }

    private static String printable(String word) {
        String w = word.replaceAll("[^A-Za-z0-9._:-]", "?");
        return w.length() > 40 ? w.substring(0, 40) + "..." : w;
    }
}
