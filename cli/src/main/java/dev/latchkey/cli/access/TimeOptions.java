package dev.latchkey.cli.access;

import dev.latchkey.cli.common.CliErrors;
import dev.latchkey.cli.common.DurationOption;
import dev.latchkey.cli.common.ExitCodes;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The start times people type on the command line. */
final class TimeOptions {

    private TimeOptions() {
    }

    /** An instant ({@code 2026-11-29T09:00:00Z}) or an offset from now ({@code +2h}). */
    static Instant start(String text, Instant now) {
        String t = text.strip();
        if (t.startsWith("+")) {
            return now.plus(DurationOption.parse("--start", t.substring(1)));
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new CliErrors.Failure(ExitCodes.USAGE, "--start " + text + ": not a time",
                    "write a UTC time like 2026-11-29T09:00:00Z, or an offset like +2h");
        }
    }
}
