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

    private final TomlCursor in;

    private Toml(String text) {
        this.in = new TomlCursor(text);
    }

    /** The document's root table. */
    static Map<String, Object> parse(String text) throws SyntaxException {
        return new Toml(text).document();
    }

    private Map<String, Object> document() throws SyntaxException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> current = root;
        while (true) {
            in.skipBlankLines();
            if (in.atEnd()) {
                return root;
            }
            if (in.at('[')) {
                boolean array = in.at("[[");
                in.skip(array ? 2 : 1);
                List<String> path = in.key();
                in.expect(array ? "]]" : "]");
                current = array ? appendTable(root, path) : table(root, path);
            } else {
                List<String> path = in.key();
                in.skipSpaces();
                in.expect("=");
                in.skipSpaces();
                Object value = value();
                Map<String, Object> owner = path.size() == 1 ? current : table(current, path.subList(0, path.size() - 1));
                if (owner.putIfAbsent(path.getLast(), value) != null) {
                    throw in.error("the key " + String.join(".", path) + " is defined twice");
                }
            }
            in.endOfLine();
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
                throw in.error(k + " is a value, not a table");
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
            throw in.error(path.getLast() + " is not an array of tables");
        }
        Map<String, Object> t = new LinkedHashMap<>();
        ((List<Object>) o).add(t);
        return t;
    }

    private Object value() throws SyntaxException {
        if (in.atEnd()) {
            throw in.error("a value is missing");
        }
        if (in.at('"') || in.at('\'')) {
            return in.string();
        }
        if (in.at('[')) {
            in.skip(1);
            List<Object> out = new ArrayList<>();
            while (true) {
                in.skipBlankLines();
                if (in.at(']')) {
                    in.skip(1);
                    return out;
                }
                out.add(value());
                in.skipBlankLines();
                if (in.at(',')) {
                    in.skip(1);
                } else {
                    in.skipBlankLines();
                    in.expect("]");
                    return out;
                }
            }
        }
        if (in.at('{')) {
            in.skip(1);
            Map<String, Object> out = new LinkedHashMap<>();
            in.skipSpaces();
            while (!in.atEnd() && !in.at('}')) {
                List<String> path = in.key();
                in.skipSpaces();
                in.expect("=");
                in.skipSpaces();
                Object v = value();
                table(out, path.subList(0, path.size() - 1)).put(path.getLast(), v);
                in.skipSpaces();
                if (in.at(',')) {
                    in.skip(1);
                    in.skipSpaces();
                }
            }
            in.expect("}");
            return out;
        }
        String word = in.word();
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
        throw in.error("cannot read the value '" + word + "'");
    }
}
