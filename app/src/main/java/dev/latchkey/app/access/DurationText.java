package dev.latchkey.app.access;

import dev.latchkey.core.launch.profile.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** Durations and start times as people type them in the request form. */
public final class DurationText {

    private DurationText() {
    }

    /** {@code 30m}, {@code 1h30m}, {@code 4h} or ISO-8601 {@code PT1H}; empty when it is none of these. */
    public static Optional<Duration> parse(String text) {
        String t = text == null ? "" : text.strip();
        try {
            if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                return d.isPositive() ? Optional.of(d) : Optional.empty();
            }
            return Optional.of(Durations.parse(t));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The short form: {@code 1h30m}. */
    public static String format(Duration d) {
        return Durations.format(d);
    }

    /**
     * A start time: an offset ({@code +2h}) or a local clock time ({@code 14:30}, the next time
     * the clock shows it); empty when it is neither.
     */
    public static Optional<Instant> start(String text, Instant now, ZoneId zone) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("+")) {
            return parse(t.substring(1)).map(now::plus);
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
