package dev.latchkey.core.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One answer of the long-poll form of {@code /v1/events}:
 * {@code {"events": [{id, type, data}], "next": N}}, read into the same raw events the stream gives.
 */
public final class LongPollPage {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The events of a page and where the next poll starts. */
    public record Page(List<SseLines.Raw> events, OptionalLong next) {
    }

    /** Thrown for a page this client cannot read; the message names what is wrong, never the data. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private LongPollPage() {
    }

    public static Page read(String body) throws Unreadable {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (IOException e) {
            throw new Unreadable("an answer that is not JSON");
        }
        if (n == null || !n.isObject() || !n.path("events").isArray()) {
            throw new Unreadable("an answer without an 'events' list");
        }
        List<SseLines.Raw> events = new ArrayList<>();
        for (JsonNode e : n.path("events")) {
            // An event without a numeric id is passed on as such and skipped by the stream, as on SSE.
            Optional<String> id = e.path("id").canConvertToLong() ? Optional.of(Long.toString(e.path("id").asLong()))
                    : Optional.empty();
            events.add(new SseLines.Raw(id, e.path("type").asText("message"), e.path("data").toString()));
        }
        JsonNode next = n.get("next");
        return new Page(events, next != null && next.canConvertToLong() && next.asLong() >= 0
                ? OptionalLong.of(next.asLong()) : OptionalLong.empty());
    }
}
