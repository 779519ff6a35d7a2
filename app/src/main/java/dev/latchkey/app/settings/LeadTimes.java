package dev.latchkey.app.settings;

import dev.latchkey.core.expiry.Thresholds;
import dev.latchkey.grammar.DurationSyntaxException;
import dev.latchkey.grammar.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Notification lead times as people type them: durations ({@link Durations}) separated by commas, {@code 15m, 5m}. */
public final class LeadTimes {

    private LeadTimes() {
    }

    /**
     * Parses a comma-separated list of durations, such as {@code 1h, 10m} or {@code 1h30m}.
     *
     * @throws IllegalArgumentException saying what to write instead
     */
    public static Thresholds parse(String text) {
        List<Duration> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                out.add(Durations.parse(part));
            } catch (DurationSyntaxException e) {
                throw new IllegalArgumentException("lead time " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("give at least one lead time, such as 15m");
        }
        return new Thresholds(out);
    }

    /** The text form of {@code thresholds}, longest first. */
    public static String format(Thresholds thresholds) {
        return thresholds.leadTimes().stream().map(Durations::format).collect(Collectors.joining(", "));
    }
}
