package dev.latchkey.core.internal.guard;

/**
 * Where two lines meet, for a value written half on each (a long key wrapped in a YAML block, a
 * shell line continued with a backslash): the end of the first line and the start of the next,
 * without the quotes, spaces and joining marks around the cut.
 *
 * @param text the end of the first line followed by the start of the second
 * @param at where the second line's part begins in {@code text}
 */
record Seam(String text, int at) {

    /** Characters of each line looked at where two meet: a value of up to twice this, cut in half, is found whole. */
    static final int JOIN = 48;

    /** The seam of {@code previous} and {@code next}, or null when no cut value can sit there. */
    static Seam of(String previous, String next) {
        if (previous == null || next == null) {
            return null;
        }
        // Ends found first, text made only for a seam: most pairs of lines have none, and a cold JVM pays for each string.
        // The first line's end first: most lines of code end with a bracket or a semicolon, and
        // then the next line's indentation is never read.
        int end = previous.length();
        while (end > 0 && joinJunk(previous.charAt(end - 1))) {
            end--;
        }
        if (end == 0 || !valueChar(previous.charAt(end - 1))) {
            return null;
        }
        int start = 0;
        while (start < next.length() && joinJunk(next.charAt(start))) {
            start++;
        }
        if (start == next.length() || !valueChar(next.charAt(start))) {
            return null;
        }
        int leftFrom = Math.max(0, end - JOIN);
        int rightTo = Math.min(next.length(), start + JOIN);
        String text = new StringBuilder(end - leftFrom + rightTo - start).append(previous, leftFrom, end)
                .append(next, start, rightTo).toString();
        return new Seam(text, end - leftFrom);
    }

    /** Whether the stretch {@code [from, to)} of {@link #text} crosses the seam. */
    boolean crosses(int from, int to) {
        return from < at && to > at;
    }

    /** A character values are made of: the two sides of a cut value end and start with one. */
    static boolean valueChar(char c) {
        return c < 128 ? CharClass.is(c, CharClass.VALUE) : Character.isLetterOrDigit(c);
    }

    static boolean joinJunk(char c) {
        return CharClass.is(c, CharClass.JOIN_JUNK);
    }

}
