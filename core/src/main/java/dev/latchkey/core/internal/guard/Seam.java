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
        String a = strip(previous, false);
        String b = strip(next, true);
        if (a.isEmpty() || b.isEmpty() || !valueChar(a.charAt(a.length() - 1)) || !valueChar(b.charAt(0))) {
            return null;
        }
        String left = a.substring(Math.max(0, a.length() - JOIN));
        String right = b.substring(0, Math.min(JOIN, b.length()));
        return new Seam(left + right, left.length());
    }

    /** Whether the stretch {@code [from, to)} of {@link #text} crosses the seam. */
    boolean crosses(int from, int to) {
        return from < at && to > at;
    }

    private static String strip(String s, boolean leading) {
        if (s == null) {
            return "";
        }
        int from = 0;
        int to = s.length();
        if (leading) {
            while (from < to && joinJunk(s.charAt(from))) {
                from++;
            }
        } else {
            while (to > from && joinJunk(s.charAt(to - 1))) {
                to--;
            }
        }
        return s.substring(from, to);
    }

    /** A character values are made of: the two sides of a cut value end and start with one. */
    private static boolean valueChar(char c) {
        return Character.isLetterOrDigit(c) || c == '/' || c == '=' || c == '_' || c == '-' || c == '%';
    }

    private static boolean joinJunk(char c) {
        return Grams.isSpace(c) || c == '"' || c == '\'' || c == '`' || c == '+' || c == '\\' || c == ','
                || c == ';' || c == '&' || c == '.' || c == '>' || c == '|';
    }

}
