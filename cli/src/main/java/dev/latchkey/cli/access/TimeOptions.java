package dev.latchkey.cli.access;

import dev.latchkey.cli.CliErrors;
import dev.latchkey.cli.ExitCodes;
import dev.latchkey.core.launch.profile.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The durations and start times people type on the command line. */
final class TimeOptions {

    private TimeOptions() {
    }

    /** {@code 90m}, {@code 1h30m}, {@code 4h}, or ISO-8601 {@code PT1H}. */
    static Duration duration(String option, String text) {
        try {
            if (text.strip().toUpperCase(Locale.ROOT).startsWith("P")) {
                Duration d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
                if (!d.isPositive()) {
                    throw new IllegalArgumentException("not positive");
                }
                return d;
            }
            return Durations.parse(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new CliErrors.Failure(ExitCodes.USAGE, option + " " + text + ": not a duration",
                    "write it like 30m, 1h, 1h30m or PT1H");
        }
    }

    /** An instant ({@code 2026-11-29T09:00:00Z}) or an offset from now ({@code +2h}). */
    static Instant start(String text, Instant now) {
        String t = text.strip();
        if (t.startsWith("+")) {
            return now.plus(duration("--start", t.substring(1)));
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new CliErrors.Failure(ExitCodes.USAGE, "--start " + text + ": not a time",
                    "write a UTC time like 2026-11-29T09:00:00Z, or an offset like +2h");
        }
    }
}
