package dev.latchkey.grammar;

import java.io.Serial;

/** A text that is not a duration in Latchkey's grammar ({@link Durations}); the message says what to write. */
public final class DurationSyntaxException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean zero;

    DurationSyntaxException(String message, boolean zero) {
        super(message);
        this.zero = zero;
    }

    /** Whether the text was a well-formed duration that lasts nothing, such as {@code 0s} or {@code PT0M}. */
    public boolean zero() {
        return zero;
    }
}
