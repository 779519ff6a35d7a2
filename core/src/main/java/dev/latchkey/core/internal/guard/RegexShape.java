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
    private static final int OTHER = 128;
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
        Reader r = new Reader(javaRegex);
        Part p;
        try {
            p = r.alternation();
            if (r.i != javaRegex.length()) {
                return null;
            }
        } catch (Unknown e) {
            return null;
        }
        if (r.caseless) {
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

    /** A construct this reading does not know. */
    private static final class Unknown extends Exception {
        private static final long serialVersionUID = 1L;

        Unknown() {
            super(null, null, false, false);
        }
    }

    /**
     * Part of an expression: the fewest characters it consumes and every character it may, as
     * a set of ASCII characters (two words of bits) and whether any other character is in it.
     */
    private static final class Part {
        long low;
        long high;
        boolean other;
        long min;

        void add(Part p) {
            low |= p.low;
            high |= p.high;
            other |= p.other;
        }

        void add(char c) {
            if (c < 64) {
                low |= 1L << c;
            } else if (c < OTHER) {
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

    /** A recursive-descent reading of Java's regex syntax, the subset the rules use. */
    private static final class Reader {
        private final String s;
        private int i;
        private boolean caseless;

        Reader(String s) {
            this.s = s;
        }

        Part alternation() throws Unknown {
            Part all = sequence();
            while (i < s.length() && s.charAt(i) == '|') {
                i++;
                Part next = sequence();
                all.add(next);
                all.min = Math.min(all.min, next.min);
            }
            return all;
        }

        private Part sequence() throws Unknown {
            Part seq = new Part();
            while (i < s.length() && s.charAt(i) != '|' && s.charAt(i) != ')') {
                Part atom = atom();
                long[] times = quantifier();
                if (times[1] != 0) {
                    seq.add(atom);
                }
                seq.min = Math.min(Integer.MAX_VALUE, seq.min + atom.min * Math.min(times[0], Integer.MAX_VALUE));
            }
            return seq;
        }

        /** {min, max} with max -1 for no bound; {1, 1} when there is no quantifier. */
        private long[] quantifier() throws Unknown {
            if (i >= s.length()) {
                return new long[] {1, 1};
            }
            long[] q;
            char c = s.charAt(i);
            if (c == '?' || c == '*' || c == '+') {
                i++;
                q = new long[] {c == '+' ? 1 : 0, c == '?' ? 1 : -1};
            } else if (c == '{') {
                int close = s.indexOf('}', i);
                if (close < 0) {
                    throw new Unknown();
                }
                String[] f = s.substring(i + 1, close).split(",", -1);
                try {
                    long lo = Long.parseLong(f[0]);
                    long hi = f.length == 1 ? lo : f[1].isEmpty() ? -1 : Long.parseLong(f[1]);
                    q = new long[] {lo, hi};
                } catch (NumberFormatException e) {
                    throw new Unknown();
                }
                i = close + 1;
            } else {
                return new long[] {1, 1};
            }
            if (i < s.length() && (s.charAt(i) == '?' || s.charAt(i) == '+')) {
                i++; // lazy or possessive: the same characters
            }
            return q;
        }

        private Part atom() throws Unknown {
            char c = s.charAt(i++);
            Part p = new Part();
            switch (c) {
                case '(' -> {
                    return group();
                }
                case '[' -> {
                    charClass(p);
                    p.min = 1;
                }
                case '.' -> {
                    p.all();
                    p.min = 1;
                }
                case '^', '$' -> p.min = 0;
                case '\\' -> {
                    char e = next();
                    if ("bBAzZG".indexOf(e) >= 0) {
                        p.min = 0;
                    } else {
                        escape(e, p);
                        p.min = 1;
                    }
                }
                case '*', '+', '?', '{', ')', '|' -> throw new Unknown();
                default -> {
                    p.add(c);
                    p.min = 1;
                }
            }
            return p;
        }

        private Part group() throws Unknown {
            if (i < s.length() && s.charAt(i) == '?') {
                i++;
                char k = next();
                if (k == '=' || k == '!' || (k == '<' && i < s.length() && (s.charAt(i) == '=' || s.charAt(i) == '!'))) {
                    if (k == '<') {
                        i++;
                    }
                    alternation(); // a look-around consumes nothing
                    close();
                    return new Part();
                }
                if (k == '<') {
                    int end = s.indexOf('>', i);
                    if (end < 0) {
                        throw new Unknown();
                    }
                    i = end + 1;
                } else if (k != ':') {
                    i--;
                    while (i < s.length() && "ismx-".indexOf(s.charAt(i)) >= 0) {
                        char f = s.charAt(i++);
                        if (f == 'x') {
                            throw new Unknown(); // comments mode changes what the text means
                        }
                        caseless |= f == 'i';
                    }
                    char end = next();
                    if (end == ')') {
                        return new Part(); // flags for the rest
                    }
                    if (end != ':') {
                        throw new Unknown();
                    }
                }
            }
            Part inner = alternation();
            close();
            return inner;
        }

        private void close() throws Unknown {
            if (next() != ')') {
                throw new Unknown();
            }
        }

        private void charClass(Part set) throws Unknown {
            boolean negated = i < s.length() && s.charAt(i) == '^';
            if (negated) {
                i++;
            }
            boolean first = true;
            while (true) {
                char c = next();
                if (c == ']') {
                    if (first) {
                        throw new Unknown(); // "[]..." reads differently in different engines
                    }
                    break;
                }
                first = false;
                if (c == '[' || (c == '&' && i < s.length() && s.charAt(i) == '&')) {
                    throw new Unknown(); // unions and intersections
                }
                int lo;
                if (c == '\\') {
                    char e = next();
                    if (Character.isLetter(e)) {
                        escape(e, set);
                        continue;
                    }
                    lo = e;
                } else {
                    lo = c;
                }
                if (i + 1 < s.length() && s.charAt(i) == '-' && s.charAt(i + 1) != ']') {
                    i++;
                    char h = next();
                    if (h == '\\') {
                        h = next();
                        if (Character.isLetter(h)) {
                            throw new Unknown();
                        }
                    }
                    if (lo >= OTHER || h >= OTHER) {
                        set.add((char) OTHER); // a range reaching past ASCII
                    }
                    set.range((char) Math.min(lo, OTHER - 1), (char) Math.min(h, OTHER - 1));
                } else {
                    set.add((char) lo);
                }
            }
            if (negated) {
                set.invert();
            }
        }

        /** An escape outside or inside a class: a class letter, or the character itself. */
        private void escape(char e, Part set) throws Unknown {
            switch (e) {
                case 'd' -> set.range('0', '9');
                case 'w' -> {
                    set.range('0', '9');
                    set.range('a', 'z');
                    set.range('A', 'Z');
                    set.add('_');
                }
                case 's' -> {
                    set.range('\t', '\r'); // tab, line feed, vertical tab, form feed, carriage return
                    set.add(' ');
                }
                case 'n' -> set.add('\n');
                case 'r' -> set.add('\r');
                case 't' -> set.add('\t');
                default -> {
                    if (Character.isLetterOrDigit(e)) {
                        throw new Unknown(); // \D, \W, \S, \p{...}, hex and Unicode escapes, back-references
                    }
                    set.add(e);
                }
            }
        }

        private char next() throws Unknown {
            if (i >= s.length()) {
                throw new Unknown();
            }
            return s.charAt(i++);
        }
    }
}
