package dev.latchkey.cli.common;

import dev.latchkey.grammar.DurationSyntaxException;
import dev.latchkey.grammar.Durations;
import java.time.Duration;

/** A duration given on the command line, read with Latchkey's one grammar ({@link Durations}). */
public final class DurationOption {

    private DurationOption() {
    }

    /**
     * Reads {@code text}, given to {@code option}.
     *
     * @throws CliErrors.Failure a usage error (exit 2) naming the option, the text and the accepted forms
     */
    public static Duration parse(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (DurationSyntaxException e) {
            throw new CliErrors.Failure(ExitCodes.USAGE, option + ": " + e.getMessage(), "");
        }
    }
}
