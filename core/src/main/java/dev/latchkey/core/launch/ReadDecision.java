package dev.latchkey.core.launch;

import java.util.Locale;

/** Who let a read through the local agent go ahead, as the activity record keeps it. */
public enum ReadDecision {
    /** The user allowed it when asked (a {@code confirm} scope). */
    ALLOWED,
    /** The user, or a prompt that timed out, refused it: nothing was read. */
    DENIED,
    /** Nobody was asked: the scope needs no confirmation. */
    AUTO;

    /** The word written in the launch log ({@code allowed}, {@code denied}, {@code auto}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The decision written as {@code word}; {@link #AUTO} for a word this version does not know. */
    public static ReadDecision fromWire(String word) {
        for (ReadDecision d : values()) {
            if (d.wire().equals(word)) {
                return d;
            }
        }
        return AUTO;
    }
}
