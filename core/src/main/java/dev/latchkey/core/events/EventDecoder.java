package dev.latchkey.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.core.brokerapi.AccessRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the broker's {@code (id, type, data)} into a {@link BrokerEvent}. An event this client
 * cannot read is reported as a {@link Problem} and skipped; the stream goes on.
 */
final class EventDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why an event was skipped: the field at fault; never the data itself. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private EventDecoder() {
    }

    static BrokerEvent decode(long id, String type, String data) throws Problem {
        JsonNode n;
        try {
            n = JSON.readTree(data);
        } catch (IOException e) {
            throw new Problem("event " + id + " (" + printable(type) + ") carries data that is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new Problem("event " + id + " (" + printable(type) + ") carries data that is not a JSON object");
        }
        Instant at = instant(n, "at", id).orElseThrow(() -> new Problem("event " + id + " has no 'at'"));
        return switch (type) {
            case "request.created" -> new BrokerEvent.RequestCreated(id, at, text(n, "requestId", id), text(n, "scope", id),
                    text(n, "requester", id), Duration.ofSeconds(Math.max(0, n.path("durationSeconds").asLong(0))));
            case "request.decided" -> new BrokerEvent.RequestDecided(id, at, text(n, "requestId", id), text(n, "scope", id),
                    state(n, id), optional(n, "decidedBy"), optional(n, "reason"), optional(n, "grantId"));
            case "grant.starting" -> new BrokerEvent.GrantStarting(id, at, text(n, "grantId", id), text(n, "scope", id),
                    required(n, "startsAt", id), required(n, "endsAt", id));
            case "grant.ending-soon" -> new BrokerEvent.GrantEndingSoon(id, at, text(n, "grantId", id), text(n, "scope", id),
                    required(n, "endsAt", id));
            case "grant.ended" -> new BrokerEvent.GrantEnded(id, at, text(n, "grantId", id), text(n, "scope", id),
                    required(n, "endsAt", id));
            case "grant.revoked" -> new BrokerEvent.GrantRevoked(id, at, text(n, "grantId", id), text(n, "scope", id),
                    optional(n, "revokedBy"), optional(n, "reason"));
            default -> new BrokerEvent.Other(id, at, printable(type));
        };
    }

    private static AccessRequest.State state(JsonNode n, long id) throws Problem {
        String word = text(n, "state", id);
        try {
            return AccessRequest.State.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Problem("event " + id + " has a state this client does not know: '" + printable(word) + "'");
        }
    }

    private static String text(JsonNode n, String field, long id) throws Problem {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new Problem("event " + id + " has no '" + field + "'");
        }
        return v.asText();
    }

    private static Optional<String> optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static Instant required(JsonNode n, String field, long id) throws Problem {
        return instant(n, field, id).orElseThrow(() -> new Problem("event " + id + " has no '" + field + "'"));
    }

    private static Optional<Instant> instant(JsonNode n, String field, long id) throws Problem {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v.asText()));
        } catch (DateTimeParseException e) {
            throw new Problem("event " + id + " has a time it cannot read in '" + field + "'");
        }
    }

    private static String printable(String word) {
        String w = word.replaceAll("[^A-Za-z0-9._:-]", "?");
        return w.length() > 40 ? w.substring(0, 40) + "..." : w;
    }
}
