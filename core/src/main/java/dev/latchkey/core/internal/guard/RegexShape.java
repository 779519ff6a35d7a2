package dev.latchkey.core.internal.guard;

/**
 * What every match of a rule's regular expression looks like, read from the expression itself:
 * at least {@link #min} characters, all from one set. A line without such a run of characters
 * holds no match, so the rule's regex need not run on it: one tight pass over the line instead
 * of the regex engine trying every position (a rule without keywords ran on every line).
 *
 * <p>The reading is conservative: a construct it does not know (a back-reference, a Unicode
 * property, flags other than {@code i}, {@code s} and {@code m}) gives no shape, and the regex
 * runs as before. Zero-width parts (anchors, word boundaries, look-arounds) consume nothing;
 * with {@code (?i)} anywhere, both cases of every letter and every non-ASCII character count.
 */
final class RegexShape {

    /** Index of the "any character outside ASCII" member. */
    static final int OTHER = 128;
    /** Shapes shorter than this, or that take spaces, filter almost nothing. */
    private static final int WORTH = 16;

    private final int min;
    /** The set: ASCII characters as bits of two words, and whether any other character is in it. */
    private final long low;
    private final long high;
    private final boolean other;

    /** A shape as {@link #of(String)} read it before (the built-in rules' table holds theirs). */
    RegexShape(int min, long low, long high, boolean other) {
        this.min = min;
        this.low = low;
        this.high = high;
        this.other = other;
    }

    /** The shape of {@code javaRegex}, or null when it cannot be read or would not filter. */
    static RegexShape of(String javaRegex) {
        RegexReader r = new RegexReader(javaRegex);
        RegexPart p;
        try {
            p = r.whole();
        } catch (RegexReader.Unknown e) {
            return null;
        }
        if (r.caseless()) {
            long upper = 0x7fffffeL; // A-Z in the high word; a-z are the same bits 32 higher
            p.high |= (p.high >>> 32 & upper) | (p.high & upper) << 32;
            p.other = true;
        }
        RegexShape shape = new RegexShape((int) p.min, p.low, p.high, p.other);
        return p.min < WORTH || shape.takes(' ') || shape.takes('\t') ? null : shape;
    }

    int min() {
        return min;
    }

    long low() {
        return low;
    }

    long high() {
        return high;
    }

    boolean other() {
        return other;
    }

    boolean takes(char c) {
        return c < 64 ? (low >>> c & 1) != 0 : c < OTHER ? (high >>> (c - 64) & 1) != 0 : other;
    }

    /** Whether {@code line} has a run of {@link #min} characters of the set: false means no match. */
    boolean fits(String line) {
        int n = line.length();
        int run = 0;
        for (int i = 0; i + min - run <= n; i++) {
            if (takes(line.charAt(i))) {
                if (++run >= min) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }
}
