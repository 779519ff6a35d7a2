package dev.latchkey.core.internal.guard;

/**
 * What every match of a rule's regular expression looks like, read from the expression itself:
 * at least {@link #min} characters, all from one set; and one character at least of a small set
 * it cannot match without (the {@code =}, {@code :} or {@code |} of an assignment). A line
 * without such a run, or without any of those characters, holds no match, so the rule's regex
 * need not run on it: one tight pass over the line instead of the regex engine trying every
 * position (a rule without keywords ran on every line; a keyword rule on every line naming a
 * "key" or "token").
 *
 * <p>The reading is conservative: a construct it does not know (a back-reference, a Unicode
 * property, flags other than {@code i}, {@code s} and {@code m}) gives no shape, and the regex
 * runs as before. Zero-width parts (anchors, word boundaries, look-arounds) consume nothing and
 * need nothing; with {@code (?i)} anywhere, both cases of every letter and every non-ASCII
 * character count.
 */
final class RegexShape {

    /** Index of the "any character outside ASCII" member. */
    static final int OTHER = 128;
    /** Runs shorter than this, or that take spaces, filter almost nothing. */
    private static final int WORTH = 16;
    /** Needed sets larger than this, or holding spaces, filter almost nothing. */
    private static final int NEED_WORTH = 8;
    private static final long UPPER = 0x7fffffeL; // A-Z in the high word; a-z are the same bits 32 higher

    /** The run's length, 0 for no run test. */
    private final int min;
    /** The run's set: ASCII characters as bits of two words, and whether any other character is in it. */
    private final long low;
    private final long high;
    private final boolean other;
    /** The needed set (ASCII only), both words 0 for no such test. */
    private final long needLow;
    private final long needHigh;

    /** A shape as {@link #of(String)} read it before (the built-in rules' table holds theirs). */
    RegexShape(int min, long low, long high, boolean other, long needLow, long needHigh) {
        this.min = min;
        this.low = low;
        this.high = high;
        this.other = other;
        this.needLow = needLow;
        this.needHigh = needHigh;
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
            p.high |= (p.high >>> 32 & UPPER) | (p.high & UPPER) << 32;
            p.other = true;
            if ((p.needHigh & RegexPart.LETTERS) != 0) {
                p.needHigh |= (p.needHigh >>> 32 & UPPER) | (p.needHigh & UPPER) << 32;
                p.needOther = true; // a letter, caselessly, may be more than its two ASCII forms
            }
        }
        boolean run = p.min >= WORTH && !in(' ', p.low, p.high) && !in('\t', p.low, p.high);
        boolean need = p.needs && p.needSize() <= NEED_WORTH && !in(' ', p.needLow, p.needHigh)
                && !in('\t', p.needLow, p.needHigh);
        if (!run && !need) {
            return null;
        }
        return new RegexShape(run ? (int) p.min : 0, run ? p.low : 0, run ? p.high : 0, run && p.other,
                need ? p.needLow : 0, need ? p.needHigh : 0);
    }

    private static boolean in(char c, long low, long high) {
        return c < 64 ? (low >>> c & 1) != 0 : (high >>> (c - 64) & 1) != 0;
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

    long needLow() {
        return needLow;
    }

    long needHigh() {
        return needHigh;
    }

    boolean takes(char c) {
        return c < 64 ? (low >>> c & 1) != 0 : c < OTHER ? (high >>> (c - 64) & 1) != 0 : other;
    }

    /** Whether every match needs one of a few characters, and {@code c} is one. */
    boolean needs(char c) {
        return c < 64 ? (needLow >>> c & 1) != 0 : c < OTHER && (needHigh >>> (c - 64) & 1) != 0;
    }

    /**
     * Whether {@code line} may hold a match: false means it holds none. The run first: most lines
     * are shorter than a long run, and that test then reads none of the line.
     */
    boolean fits(String line) {
        return (min == 0 || hasRun(line)) && (needLow == 0 && needHigh == 0 || holdsNeeded(line));
    }

    // The two walks below test the characters below 64 in the loop itself: C1 (a cold JVM's
    // compiler) inlines no method of more than 35 bytes of bytecode, and a call for each
    // character of each line was a good part of their time.
    private boolean holdsNeeded(String line) {
        for (int i = 0, n = line.length(); i < n; i++) {
            char c = line.charAt(i);
            if (c < 64 ? (needLow >>> c & 1) != 0 : needs(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code line} has a run of {@link #min} characters of the set. Each probe reads the
     * last character of the next {@code min} positions first: every run of {@code min} starting
     * among them holds it, so when it is outside the set none does, and the walk jumps past it.
     * A rule's run is long (a token's body: 20 to 60 characters) and code breaks every few
     * characters, so most lines are answered from a few of their characters, not every one.
     */
    private boolean hasRun(String line) {
        int n = line.length();
        // No run of min characters starts before start.
        int start = 0;
        while (start + min <= n) {
            int probe = start + min - 1;
            if (!inSet(line.charAt(probe))) {
                start = probe + 1;
                continue;
            }
            // The run through the probe, from where it begins (not before start): a run of min
            // starting at or before the probe exists exactly when this one reaches from + min.
            int from = probe;
            while (from > start && inSet(line.charAt(from - 1))) {
                from--;
            }
            int end = probe + 1;
            int need = from + min;
            while (end < need && end < n && inSet(line.charAt(end))) {
                end++;
            }
            if (end >= need) {
                return true;
            }
            // The character at end is outside the set (or the line ends): no run starts at or before it.
            start = end + 1;
        }
        return false;
    }

    private boolean inSet(char c) {
        return c < 64 ? (low >>> c & 1) != 0 : takes(c);
    }
}
