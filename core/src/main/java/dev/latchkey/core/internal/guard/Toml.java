package dev.latchkey.core.internal.guard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the TOML that rule files are written in: tables, arrays of tables, dotted and
 * quoted keys, basic, literal and multi-line strings, integers, floats, booleans, arrays and
 * inline tables (dates are not needed and not read). Values become {@link String}, {@link Long},
 * {@link Double}, {@link Boolean}, {@link List} and {@link Map}.
 *
 * <p>Why not the TOML module of the JSON library core already uses: loading that library's
 * classes took about 250 ms of a cold pre-commit hook, more than the whole scan.
 */
public final class Toml {

    /** Text that is not TOML, with the line it was found on. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    private final String s;
    private int i;

    private Toml(String text) {
        this.s = text;
    }

    /** The document's root table. */
    static Map<String, Object> parse(String text) throws SyntaxException {
        return new Toml(text).document();
    }

    private Map<String, Object> document() throws SyntaxException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> current = root;
        while (true) {
            skipBlankLines();
            if (i >= s.length()) {
                return root;
            }
            if (s.charAt(i) == '[') {
                boolean array = s.startsWith("[[", i);
                i += array ? 2 : 1;
                List<String> path = key();
                expect(array ? "]]" : "]");
                current = array ? appendTable(root, path) : table(root, path);
            } else {
                List<String> path = key();
                skipSpaces();
                expect("=");
                skipSpaces();
                Object value = value();
                Map<String, Object> owner = path.size() == 1 ? current : table(current, path.subList(0, path.size() - 1));
                if (owner.putIfAbsent(path.getLast(), value) != null) {
                    throw error("the key " + String.join(".", path) + " is defined twice");
                }
            }
            endOfLine();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> table(Map<String, Object> from, List<String> path) throws SyntaxException {
        Map<String, Object> t = from;
        for (String k : path) {
            Object o = t.computeIfAbsent(k, x -> new LinkedHashMap<String, Object>());
            if (o instanceof List<?> l && !l.isEmpty() && l.getLast() instanceof Map) {
                o = l.getLast(); // [a.b] after [[a]] extends the last table of the array
            }
            if (!(o instanceof Map)) {
                throw error(k + " is a value, not a table");
            }
            t = (Map<String, Object>) o;
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> appendTable(Map<String, Object> root, List<String> path) throws SyntaxException {
        Map<String, Object> parent = table(root, path.subList(0, path.size() - 1));
        Object o = parent.computeIfAbsent(path.getLast(), x -> new ArrayList<Object>());
        if (!(o instanceof List)) {
            throw error(path.getLast() + " is not an array of tables");
        }
        Map<String, Object> t = new LinkedHashMap<>();
        ((List<Object>) o).add(t);
        return t;
    }

    private List<String> key() throws SyntaxException {
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

    private Object value() throws SyntaxException {
        if (i >= s.length()) {
            throw error("a value is missing");
        }
        char c = s.charAt(i);
        if (c == '"' || c == '\'') {
            return string();
        }
        if (c == '[') {
            i++;
            List<Object> out = new ArrayList<>();
            while (true) {
                skipBlankLines();
                if (i < s.length() && s.charAt(i) == ']') {
                    i++;
                    return out;
                }
                out.add(value());
                skipBlankLines();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                } else {
                    skipBlankLines();
                    expect("]");
                    return out;
                }
            }
        }
        if (c == '{') {
            i++;
            Map<String, Object> out = new LinkedHashMap<>();
            skipSpaces();
            while (i < s.length() && s.charAt(i) != '}') {
                List<String> path = key();
                skipSpaces();
                expect("=");
                skipSpaces();
                Object v = value();
                table(out, path.subList(0, path.size() - 1)).put(path.getLast(), v);
                skipSpaces();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                    skipSpaces();
                }
            }
            expect("}");
            return out;
        }
        int start = i;
        while (i < s.length() && "\n\r,]}#".indexOf(s.charAt(i)) < 0 && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        String word = s.substring(start, i);
        switch (word) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                break;
        }
        String number = word.replace("_", "");
        try {
            if (number.matches("[+-]?\\d+")) {
                return Long.parseLong(number);
            }
            if (number.matches("[+-]?(\\d+(\\.\\d+)?([eE][+-]?\\d+)?|inf|nan)")) {
                return number.endsWith("inf") ? (number.startsWith("-") ? Double.NEGATIVE_INFINITY
                        : Double.POSITIVE_INFINITY) : number.endsWith("nan") ? Double.NaN : Double.parseDouble(number);
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw error("cannot read the value '" + word + "'");
    }

    private String string() throws SyntaxException {
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

    private void escape(StringBuilder out, boolean multi) throws SyntaxException {
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

    private void expect(String what) throws SyntaxException {
        if (!s.startsWith(what, i)) {
            throw error("expected " + what);
        }
        i += what.length();
    }

    private void skipSpaces() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
    }

    /** Skips spaces, comments and line ends. */
    private void skipBlankLines() {
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

    private void endOfLine() throws SyntaxException {
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

    private SyntaxException error(String message) {
        int line = 1;
        for (int k = 0; k < Math.min(i, s.length()); k++) {
            if (s.charAt(k) == '\n') {
                line++;
            }
        }
        return new SyntaxException(line, message);
    }
}
