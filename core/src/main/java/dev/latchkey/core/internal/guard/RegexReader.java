package dev.latchkey.core.internal.guard;

/**
 * A recursive-descent reading of Java's regex syntax, the subset the rules use, for
 * {@link RegexShape}: what a match consumes at least and which characters it may take. A
 * construct it does not know throws {@link Unknown}.
 */
final class RegexReader {

    /** A construct this reading does not know. */
    static final class Unknown extends Exception {
        private static final long serialVersionUID = 1L;

        Unknown() {
            super(null, null, false, false);
        }
    }

    private final String s;
    private int i;
    private boolean caseless;

    RegexReader(String s) {
        this.s = s;
    }

    /** The whole expression; {@link Unknown} when some of it cannot be read. */
    RegexPart whole() throws Unknown {
        RegexPart p = alternation();
        if (i != s.length()) {
            throw new Unknown();
        }
        return p;
    }

    /** Whether {@code (?i)} was read anywhere in the expression. */
    boolean caseless() {
        return caseless;
    }

    private RegexPart alternation() throws Unknown {
        RegexPart all = sequence();
        while (i < s.length() && s.charAt(i) == '|') {
            i++;
            RegexPart next = sequence();
            all.add(next);
            all.needsEither(next);
            all.min = Math.min(all.min, next.min);
        }
        return all;
    }

    private RegexPart sequence() throws Unknown {
        RegexPart seq = new RegexPart();
        while (i < s.length() && s.charAt(i) != '|' && s.charAt(i) != ')') {
            RegexPart atom = atom();
            long[] times = quantifier();
            if (times[1] != 0) {
                seq.add(atom);
            }
            if (times[0] > 0) {
                seq.needsAlso(atom);
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

    private RegexPart atom() throws Unknown {
        char c = s.charAt(i++);
        RegexPart p = new RegexPart();
        switch (c) {
            case '(' -> {
                return group();
            }
            case '[' -> {
                charClass(p);
                p.min = 1;
                p.needsItsOwn();
            }
            case '.' -> {
                p.all();
                p.min = 1;
                p.needsItsOwn();
            }
            case '^', '$' -> p.min = 0;
            case '\\' -> {
                char e = next();
                if ("bBAzZG".indexOf(e) >= 0) {
                    p.min = 0;
                } else {
                    escape(e, p);
                    p.min = 1;
                    p.needsItsOwn();
                }
            }
            case '*', '+', '?', '{', ')', '|' -> throw new Unknown();
            default -> {
                p.add(c);
                p.min = 1;
                p.needsItsOwn();
            }
        }
        return p;
    }

    private RegexPart group() throws Unknown {
        if (i < s.length() && s.charAt(i) == '?') {
            i++;
            char k = next();
            if (k == '=' || k == '!' || (k == '<' && i < s.length() && (s.charAt(i) == '=' || s.charAt(i) == '!'))) {
                if (k == '<') {
                    i++;
                }
                alternation(); // a look-around consumes nothing
                close();
                return new RegexPart();
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
                    return new RegexPart(); // flags for the rest
                }
                if (end != ':') {
                    throw new Unknown();
                }
            }
        }
        RegexPart inner = alternation();
        close();
        return inner;
    }

    private void close() throws Unknown {
        if (next() != ')') {
            throw new Unknown();
        }
    }

    private void charClass(RegexPart set) throws Unknown {
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
                if (lo >= RegexShape.OTHER || h >= RegexShape.OTHER) {
                    set.add((char) RegexShape.OTHER); // a range reaching past ASCII
                }
                set.range((char) Math.min(lo, RegexShape.OTHER - 1), (char) Math.min(h, RegexShape.OTHER - 1));
            } else {
                set.add((char) lo);
            }
        }
        if (negated) {
            set.invert();
        }
    }

    /** An escape outside or inside a class: a class letter, or the character itself. */
    private void escape(char e, RegexPart set) throws Unknown {
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
