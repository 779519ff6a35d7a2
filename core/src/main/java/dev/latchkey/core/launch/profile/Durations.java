package dev.latchkey.core.launch.profile;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the short durations people type: {@code 90s}, {@code 15m}, {@code 1h}, {@code 1h30m}, {@code 2d}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    private Durations() {
    }

    /**
     * Parses a duration such as {@code 1h30m}.
     *
     * @throws IllegalArgumentException saying what a valid duration looks like
     */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        while (m.find() && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            at = m.end();
        }
        if (t.isEmpty() || at != t.length() || total.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write it like 90s, 15m, 1h or 1h30m");
        }
        return total;
    }

    /** The short form, such as {@code 1h30m}. */
    public static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        StringBuilder b = new StringBuilder();
        if (s >= 86_400) { b.append(s / 86_400).append('d'); s %= 86_400; }
        if (s >= 3_600) { b.append(s / 3_600).append('h'); s %= 3_600; }
        if (s >= 60) { b.append(s / 60).append('m'); s %= 60; }
        if (s > 0 || b.isEmpty()) { b.append(s).append('s'); }
        return b.toString();
    }
}
