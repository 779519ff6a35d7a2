package dev.latchkey.broker.policy;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in a policy or on a command line: {@code 90s}, {@code 15m}, {@code 4h}, {@code 90d}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

    private static final Pattern COMPOUND = Pattern.compile("(?:([0-9]{1,5})d)?(?:([0-9]{1,6})h)?(?:([0-9]{1,7})m)?(?:([0-9]{1,9})s)?");

    private Durations() {
    }

    /**
     * Parses a duration as a person asks for one: ISO-8601 ({@code PT1H30M}) or short
     * ({@code 90m}, {@code 4h}, {@code 1h30m}, {@code 30s}); whole seconds only. Empty when the
     * text is neither, or not positive.
     */
    public static Optional<Duration> parseRequested(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 40) {
            return Optional.empty();
        }
        Duration d;
        if (t.charAt(0) == 'P' || t.charAt(0) == 'p') {
            try {
                d = Duration.parse(t);
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        } else {
            Matcher m = COMPOUND.matcher(t);
            if (!m.matches()) {
                return Optional.empty();
            }
            d = Duration.ZERO;
            long[] unit = {86_400, 3_600, 60, 1};
            for (int i = 0; i < 4; i++) {
                if (m.group(i + 1) != null) {
                    d = d.plusSeconds(Long.parseLong(m.group(i + 1)) * unit[i]);
                }
            }
        }
        if (d.isNegative() || d.isZero() || d.getNano() != 0) {
            return Optional.empty();
        }
        return Optional.of(d);
    }

    /** Whether {@code text} is a duration that is written well but lasts nothing ({@code 0s}, {@code PT0M}). */
    public static boolean isZero(String text) {
        String t = text.strip();
        boolean digits = t.chars().anyMatch(Character::isDigit);
        return digits && t.chars().filter(Character::isDigit).allMatch(c -> c == '0')
                && (COMPOUND.matcher(t).matches() || t.toUpperCase(Locale.ROOT).startsWith("P"));
    }

    /** A duration for people: {@code 4h}, {@code 1h30m}, {@code 45s}. */
    public static String describe(Duration d) {
        long s = d.toSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 86_400 && s % 3_600 == 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s >= 3_600) {
            out.append(s / 3_600).append('h');
            s %= 3_600;
        }
        if (s >= 60) {
            out.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || out.isEmpty()) {
            out.append(s).append('s');
        }
        return out.toString();
    }

    /** Parses {@code text}; empty when it is not of the form above or not positive. */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalStateException("pattern admits only the units above");
        };
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    /** The shortest text {@link #parse} reads back as {@code d}. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
