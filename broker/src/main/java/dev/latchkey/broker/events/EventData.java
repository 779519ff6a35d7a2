package dev.latchkey.broker.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an event may carry, as the journal stores it: only the fields {@link EventTypes} documents
 * for its type, each a name, number or instant (never an object that could hold a value), clipped,
 * and the whole bounded in size.
 */
final class EventData {

    static final int MAX_TEXT = 1_000;
    private static final int MAX_DATA = 8_000;
    private static final Logger LOG = LoggerFactory.getLogger(EventData.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private EventData() {
    }

    /** The event's fields as JSON: documented fields with plain values only, plus {@code at}. */
    static String json(String type, Map<String, Object> data, Instant at) {
        Map<String, Object> kept = new TreeMap<>();
        for (Map.Entry<String, Object> field : data.entrySet()) {
            Object value = field.getValue();
            if (!EventTypes.allows(type, field.getKey())) {
                LOG.warn("{} event: dropped the field '{}', which is not part of its documented data", type,
                        clip(field.getKey()));
            } else if (!isPlain(value)) {
                LOG.warn("{} event: dropped the field '{}', whose value is not a name, number or instant", type,
                        field.getKey());
            } else {
                kept.put(field.getKey(), value instanceof String s ? clip(s) : value);
            }
        }
        kept.putIfAbsent(EventTypes.AT, at);
        try {
            String text = JSON.writeValueAsString(kept);
            if (text.length() > MAX_DATA) {
                throw new IllegalArgumentException(type + " event data is longer than " + MAX_DATA + " characters");
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(type + " event data cannot be written as JSON", e);
        }
    }

    private static boolean isPlain(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof TemporalAccessor || value instanceof Duration || value instanceof UUID
                || value instanceof Enum<?>;
    }

    private static String clip(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
