package dev.latchkey.core.expiry;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * How long before an end to warn, longest first. The first one also decides when the overall
 * state turns from OK to WARNING.
 */
public record Thresholds(List<Duration> leadTimes) {

    /** 15 minutes and 5 minutes before, as the tray and the CLI warn by default. */
    public static final Thresholds DEFAULT = new Thresholds(List.of(Duration.ofMinutes(15), Duration.ofMinutes(5)));

    public Thresholds {
        if (leadTimes.isEmpty()) {
            throw new IllegalArgumentException("give at least one lead time, such as 15m");
        }
        for (Duration d : leadTimes) {
            if (!d.isPositive()) {
                throw new IllegalArgumentException("a lead time must be longer than zero, not " + d);
            }
        }
        leadTimes = leadTimes.stream().distinct().sorted(Comparator.reverseOrder()).toList();
    }

    /** The longest lead time. */
    public Duration first() {
        return leadTimes.getFirst();
    }
}
