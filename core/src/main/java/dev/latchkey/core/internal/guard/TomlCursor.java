package dev.latchkey.core.internal.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * The lexical side of {@link Toml}: a position in the text, and the spaces, comments, line ends,
 * keys, strings and bare words read from it. Each error names the line it was found on.
 */
final class TomlCursor {

    private final String s;
    private int i;

    TomlCursor(String text) {
        this.s = text;
    }

    boolean atEnd() {
        return i >= s.length();
    }

    /** Whether the next character is {@code c}. */
    boolean at(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    /** Whether the text goes on with {@code text}. */
    boolean at(String text) {
        return s.startsWith(text, i);
    }

    /** Steps over {@code n} characters already looked at. */
    void skip(int n) {
        i += n;
    }

    /** A bare value (a number, a boolean or a mistake): the text up to a space, comma, bracket or comment. */
    String word() {
        int start = i;
        while (i < s.length() && "\n\r,]}#".indexOf(s.charAt(i)) < 0 && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return s.substring(start, i);
    }

    /** A key of bare and quoted parts joined by dots. */
    List<String> key() throws Toml.SyntaxException {
        List<String> parts = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
                parts.add(string());
            } else {
                int start = i;
                while (i < s.length() && bare(s.charAt(i))) {
                    i++;
                }
                if (start == i) {
                    throw error("a key is missing");
                }
                parts.add(s.substring(start, i));
            }
            skipSpaces();
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
            } else {
                return parts;
            }
        }
    }

    private static boolean bare(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /** A basic, literal or multi-line string, from its opening quote. */
    String string() throws Toml.SyntaxException {
        char q = s.charAt(i);
        boolean multi = s.startsWith(String.valueOf(q).repeat(3), i);
        String close = multi ? String.valueOf(q).repeat(3) : String.valueOf(q);
        i += close.length();
        if (multi && s.startsWith("\n", i)) {
            i++;
        } else if (multi && s.startsWith("\r\n", i)) {
            i += 2;
        }
        StringBuilder out = new StringBuilder();
        while (true) {
            if (i >= s.length() || (!multi && (s.charAt(i) == '\n'))) {
                throw error("a string is not closed");
            }
            if (s.startsWith(close, i)) {
                // A multi-line string may end in up to two quotes of its own: """a""""" is a"".
                int run = 0;
                while (multi && run < 2 && s.startsWith(close, i + run + 1)) {
                    run++;
                }
                out.append(String.valueOf(q).repeat(run));
                i += run + close.length();
                return out.toString();
            }
            char c = s.charAt(i++);
            if (c == '\\' && q == '"') {
                escape(out, multi);
            } else {
                out.append(c);
            }
        }
    }

    private void escape(StringBuilder out, boolean multi) throws Toml.SyntaxException {
        if (i >= s.length()) {
            throw error("a string is not closed");
        }
        char e = s.charAt(i++);
        switch (e) {
            case 'b' -> out.append('\b');
            case 't' -> out.append('\t');
            case 'n' -> out.append('\n');
            case 'f' -> out.append('\f');
            case 'r' -> out.append('\r');
            case 'e' -> out.append('\u001b');
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case 'u', 'U' -> {
                int n = e == 'u' ? 4 : 8;
                if (i + n > s.length()) {
                    throw error("a \\" + e + " escape is cut short");
                }
                try {
                    out.appendCodePoint(Integer.parseInt(s.substring(i, i + n), 16));
                } catch (IllegalArgumentException x) {
                    throw error("the escape \\" + e + s.substring(i, i + n) + " is not a character");
                }
                i += n;
            }
            default -> {
                if (multi && (e == '\n' || e == '\r' || e == ' ' || e == '\t')) {
                    // A line-ending backslash joins the lines: skip the white space that follows.
                    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                        i++;
                    }
                } else {
                    throw error("the escape \\" + e + " is not TOML (write '''...''' for a regex)");
                }
            }
        }
    }

    void expect(String what) throws Toml.SyntaxException {
        if (!s.startsWith(what, i)) {
            throw error("expected " + what);
        }
        i += what.length();
    }

    /** Skips spaces and tabs. */
    void skipSpaces() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
    }

    /** Skips spaces, comments and line ends. */
    void skipBlankLines() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else {
                return;
            }
        }
    }

    /** Steps over a comment to the line end; anything else before it is an error. */
    void endOfLine() throws Toml.SyntaxException {
        skipSpaces();
        if (i < s.length() && s.charAt(i) == '#') {
            while (i < s.length() && s.charAt(i) != '\n') {
                i++;
            }
        }
        if (i < s.length() && s.charAt(i) == '\r') {
            i++;
        }
        if (i < s.length() && s.charAt(i) != '\n') {
            throw error("unexpected text after a value");
        }
    }

    /** An error on the line being read. */
    Toml.SyntaxException error(String message) {
        int line = 1;
        for (int k = 0; k < Math.min(i, s.length()); k++) {
            if (s.charAt(k) == '\n') {
                line++;
            }
        }
        return new Toml.SyntaxException(line, message);
    }
}
