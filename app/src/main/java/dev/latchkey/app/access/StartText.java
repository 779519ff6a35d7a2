package dev.latchkey.app.access;

import dev.latchkey.grammar.Durations;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Start times as people type them in the request form; durations follow {@link Durations}. */
public final class StartText {

    private StartText() {
    }

    /**
     * A start time: an offset ({@code +2h}) or a local clock time ({@code 14:30}, the next time
     * the clock shows it); empty when it is neither.
     */
    public static Optional<Instant> start(String text, Instant now, ZoneId zone) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("+")) {
            return Durations.tryParse(t.substring(1)).map(now::plus);
        }
        try {
            LocalTime at = LocalTime.parse(t);
            ZonedDateTime today = now.atZone(zone).with(at);
            return Optional.of((today.toInstant().isAfter(now) ? today : today.plusDays(1)).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
