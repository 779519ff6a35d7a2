package dev.latchkey.core.internal.guard;

/**
 * Part of an expression: the fewest characters it consumes and every character it may, as
 * a set of ASCII characters (two words of bits) and whether any other character is in it.
 */
final class RegexPart {
    long low;
    long high;
    boolean other;
    long min;

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
}
