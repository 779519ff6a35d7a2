package dev.latchkey.core.internal.guard;

/**
 * Part of an expression: the fewest characters it consumes and every character it may, as
 * a set of ASCII characters (two words of bits) and whether any other character is in it;
 * and, when {@link #needs}, a set every match holds at least one character of (same form).
 */
final class RegexPart {
    long low;
    long high;
    boolean other;
    long min;
    boolean needs;
    long needLow;
    long needHigh;
    boolean needOther;

    void add(RegexPart p) {
        low |= p.low;
        high |= p.high;
        other |= p.other;
    }

    void add(char c) {
        if (c < 64) {
            low |= 1L << c;
        } else if (c < RegexShape.OTHER) {
            high |= 1L << (c - 64);
        } else {
            other = true;
        }
    }

    void range(char lo, char hi) {
        for (char c = lo; c <= hi; c++) {
            add(c);
        }
    }

    void all() {
        low = -1;
        high = -1;
        other = true;
    }

    void invert() {
        low = ~low;
        high = ~high;
        other = true;
    }

    /** Every match needs one of the characters this part may take (a class or a character, once at least). */
    void needsItsOwn() {
        needs = true;
        needLow = low;
        needHigh = high;
        needOther = other;
    }

    /** An alternation needs one of the characters each branch needs; none when a branch needs none. */
    void needsEither(RegexPart branch) {
        needs &= branch.needs;
        needLow |= branch.needLow;
        needHigh |= branch.needHigh;
        needOther |= branch.needOther;
    }

    /**
     * A sequence needs what any of its parts needs: the smallest such set is kept, one without
     * letters before any with (a {@code (?i)} read later makes a letter more than one character).
     */
    void needsAlso(RegexPart part) {
        if (part.needs && (!needs || part.needRank() < needRank())) {
            needs = true;
            needLow = part.needLow;
            needHigh = part.needHigh;
            needOther = part.needOther;
        }
    }

    /** The needed set's size, any character outside ASCII counting as many. */
    int needSize() {
        return needOther ? Integer.MAX_VALUE : Long.bitCount(needLow) + Long.bitCount(needHigh);
    }

    private long needRank() {
        boolean letters = (needHigh & LETTERS) != 0;
        return needOther ? Long.MAX_VALUE : needSize() + (letters ? 1_000L : 0);
    }

    /** A-Z and a-z in the high word. */
    static final long LETTERS = 0x7fffffe07fffffeL;
}
