package dev.latchkey.app.settings;

import dev.latchkey.core.expiry.Thresholds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Notification lead times as people type them: {@code 15m, 5m} or {@code 1h, 10m}. */
public final class LeadTimes {

    private LeadTimes() {
    }

    /**
     * Parses a comma-separated list of minutes ({@code 15m}) or hours ({@code 1h}).
     *
     * @throws IllegalArgumentException saying what to write instead
     */
    public static Thresholds parse(String text) {
        List<Duration> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            if (!p.matches("[0-9]{1,4}[mh]")) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a lead time; write minutes or hours, such as 15m, 5m or 1h");
            }
            long n = Long.parseLong(p.substring(0, p.length() - 1));
            out.add(p.endsWith("h") ? Duration.ofHours(n) : Duration.ofMinutes(n));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("give at least one lead time, such as 15m");
        }
        return new Thresholds(out);
    }

    /** The text form of {@code thresholds}, longest first. */
    public static String format(Thresholds thresholds) {
        return thresholds.leadTimes().stream()
                .map(d -> d.toMinutes() % 60 == 0 && d.toMinutes() >= 60 ? d.toHours() + "h" : d.toMinutes() + "m")
                .collect(Collectors.joining(", "));
    }
}
