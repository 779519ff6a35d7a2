package dev.latchkey.core.internal.events;

import java.time.Duration;
import java.util.Optional;

/**
 * The text/event-stream format (WHATWG HTML, "Server-sent events"), one line at a time: fields
 * {@code id}, {@code event}, {@code data} (joined with newlines), {@code retry}; lines starting
 * with a colon are comments (the broker's keep-alive); a blank line ends an event. Unknown fields
 * are ignored, as the format requires.
 */
public final class SseLines {

    /** One complete event as sent: its id (the last one seen, if this event had none), type and data. */
    public record Raw(Optional<String> id, String type, String data) {
    }

    private StringBuilder data;
    private String type = "";
    private String lastId;
    private Duration retry;

    /** Takes one line (without its line ending); returns the event it completes, if any. */
    public Optional<Raw> line(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            case "event" -> type = value;
            case "id" -> {
                // The format ignores an id holding NUL; ours are numbers anyway.
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            case "retry" -> {
                if (value.matches("[0-9]{1,9}")) {
                    retry = Duration.ofMillis(Long.parseLong(value));
                }
            }
            default -> {
                // Unknown fields are ignored.
            }
        }
        return Optional.empty();
    }

    /** The reconnection delay the server asked for with {@code retry:}, if it did. */
    public Optional<Duration> retry() {
        return Optional.ofNullable(retry);
    }

    private Optional<Raw> dispatch() {
        try {
            if (data == null) {
                return Optional.empty();
            }
            return Optional.of(new Raw(Optional.ofNullable(lastId), type.isEmpty() ? "message" : type, data.toString()));
        } finally {
            data = null;
            type = "";
        }
    }
}
