package dev.latchkey.grammar;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for durations in Latchkey: what a policy file, a broker flag, a request, a launch
 * profile, a CLI option and the app's fields accept, and how each of them prints one back.
 *
 * <p>A duration is written either short, as whole days, hours, minutes and seconds in that order, each
 * at most once ({@code 90s}, {@code 15m}, {@code 1h30m}, {@code 2d}, {@code 1d12h}), or in ISO-8601
 * ({@code PT1H30M}, {@code P2D}). Letters may be upper or lower case; whole seconds only; never
 * negative. Each short part has as many digits as the broker API's {@code Duration} pattern allows
 * (docs/broker-api.yaml). docs/user-guide.md ("Durations") is the user's copy of this paragraph.
 */
public final class Durations {

    /** The forms a message names when it refuses a text. */
    public static final String FORMS = "90s, 15m, 1h30m, 2d or PT1H30M";

    private static final int LONGEST = 40;

    private static final Pattern SHORT = Pattern.compile("(?:([0-9]{1,5})d)?(?:([0-9]{1,6})h)?(?:([0-9]{1,7})m)?(?:([0-9]{1,9})s)?");

    private static final long[] SECONDS_PER = {86_400, 3_600, 60, 1};

    private Durations() {
    }

    /**
     * Reads a duration that must last something.
     *
     * @throws DurationSyntaxException naming the text and the accepted forms, when it is not a
     *         duration or lasts nothing ({@code 0s})
     */
    public static Duration parse(String text) {
        Duration d = parseAllowingZero(text);
        if (d.isZero()) {
            throw new DurationSyntaxException("'" + clip(text) + "' lasts nothing; give at least 1s", true);
        }
        return d;
    }

    /**
     * Reads a duration that may be zero, for settings where zero means "never" or "none".
     *
     * @throws DurationSyntaxException naming the text and the accepted forms, when it is not a duration
     */
    public static Duration parseAllowingZero(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new DurationSyntaxException("no duration given; write it like " + FORMS, false);
        }
        Duration d = t.length() > LONGEST ? null : t.charAt(0) == 'p' ? iso(t) : shortForm(t);
        if (d == null) {
            throw new DurationSyntaxException("'" + clip(text) + "' is not a duration; write it like " + FORMS, false);
        }
        if (d.isNegative()) {
            throw new DurationSyntaxException("'" + clip(text) + "' is negative; write it like " + FORMS, false);
        }
        if (d.getNano() != 0) {
            throw new DurationSyntaxException("'" + clip(text) + "' is not in whole seconds; write it like " + FORMS,
                    false);
        }
        return d;
    }

    /** {@link #parse}, empty instead of an exception: for fields checked as the user types. */
    public static Optional<Duration> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (DurationSyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * The short form {@link #parse} reads back: {@code 2d}, {@code 1d12h}, {@code 1h30m}, {@code 45s};
     * {@code 0s} for zero or less; parts of a second are left out.
     */
    public static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        StringBuilder b = new StringBuilder();
        char[] unit = {'d', 'h', 'm', 's'};
        for (int i = 0; i < unit.length; i++) {
            long n = s / SECONDS_PER[i];
            if (n > 0) {
                b.append(n).append(unit[i]);
                s %= SECONDS_PER[i];
            }
        }
        return b.isEmpty() ? "0s" : b.toString();
    }

    private static Duration iso(String t) {
        try {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private static Duration shortForm(String t) {
        Matcher m = SHORT.matcher(t);
        if (!m.matches()) {
            return null;
        }
        long seconds = 0;
        for (int i = 0; i < SECONDS_PER.length; i++) {
            if (m.group(i + 1) != null) {
                seconds += Long.parseLong(m.group(i + 1)) * SECONDS_PER[i];
            }
        }
        return Duration.ofSeconds(seconds);
    }

    private static String clip(String text) {
        String t = text.strip();
        return t.length() > LONGEST ? t.substring(0, LONGEST) + "..." : t;
    }
}
