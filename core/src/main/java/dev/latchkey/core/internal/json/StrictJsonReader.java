package dev.latchkey.core.internal.json;

import dev.latchkey.core.internal.json.StrictJson.Malformed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reader behind {@link StrictJson#parse}: one pass over one text, accepting only what
 * RFC 8259 writes. Its failures say where and what, never a piece of the text.
 */
final class StrictJsonReader {

    private final String text;
    private int at;

    private StrictJsonReader(String text) {
        this.text = text;
    }

    /** The one value {@code text} holds, with nothing but white space around it. */
    static Object read(String text) throws Malformed {
        StrictJsonReader r = new StrictJsonReader(text);
        r.space();
        Object value = r.value(0);
        r.space();
        if (r.at != text.length()) {
            throw r.fail("text after the value");
        }
        return value;
    }

    private Object value(int depth) throws Malformed {
        if (at >= text.length()) {
            throw fail("the text ends where a value belongs");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", StrictJson.NULL);
            default -> {
                if (c == '-' || c >= '0' && c <= '9') {
                    yield number();
                }
                throw fail("no value starts with this character");
            }
        };
    }

    private Map<String, Object> object(int depth) throws Malformed {
        deeper(depth);
        at++;
        Map<String, Object> out = new LinkedHashMap<>();
        space();
        if (next('}')) {
            return Collections.unmodifiableMap(out);
        }
        do {
            space();
            if (at >= text.length() || text.charAt(at) != '"') {
                throw fail("a name in quotes belongs here");
            }
            String name = string();
            space();
            expect(':');
            space();
            if (out.put(name, value(depth)) != null) {
                throw fail("a name appears twice in one object");
            }
            space();
        } while (next(','));
        expect('}');
        return Collections.unmodifiableMap(out);
    }

    private List<Object> array(int depth) throws Malformed {
        deeper(depth);
        at++;
        List<Object> out = new ArrayList<>();
        space();
        if (next(']')) {
            return Collections.unmodifiableList(out);
        }
        do {
            space();
            out.add(value(depth));
            space();
        } while (next(','));
        expect(']');
        return Collections.unmodifiableList(out);
    }

    private void deeper(int depth) throws Malformed {
        if (depth > StrictJson.MAX_DEPTH) {
            throw fail("nested deeper than " + StrictJson.MAX_DEPTH);
        }
    }

    private String string() throws Malformed {
        at++;
        StringBuilder s = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw fail("a string is not closed");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                throw fail("a control character inside a string");
            }
            if (c != '\\') {
                s.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw fail("a string is not closed");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> s.append(e);
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> s.append(hex4());
                default -> throw fail("an unknown escape in a string");
            }
        }
        String out = s.toString();
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (Character.isLowSurrogate(c)) {
                throw fail("a lone surrogate in a string");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == out.length() || !Character.isLowSurrogate(out.charAt(i + 1))) {
                    throw fail("a lone surrogate in a string");
                }
                i++;
            }
        }
        return out;
    }

    private char hex4() throws Malformed {
        if (at + 4 > text.length()) {
            throw fail("a \\u escape needs four hex digits");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(at++), 16);
            if (d < 0) {
                throw fail("a \\u escape needs four hex digits");
            }
            v = v * 16 + d;
        }
        return (char) v;
    }

    private Object number() throws Malformed {
        int start = at;
        next('-');
        if (next('0')) {
            if (digit()) {
                throw fail("a number with a leading zero");
            }
        } else if (!digits()) {
            throw fail("a number needs digits");
        }
        boolean whole = true;
        if (next('.')) {
            whole = false;
            if (!digits()) {
                throw fail("a fraction needs digits");
            }
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            whole = false;
            at++;
            if (!next('+')) {
                next('-');
            }
            if (!digits()) {
                throw fail("an exponent needs digits");
            }
        }
        String n = text.substring(start, at);
        if (whole) {
            try {
                return Long.parseLong(n);
            } catch (NumberFormatException tooLong) {
                // Beyond a long: read as a double, like any other number.
            }
        }
        return Double.parseDouble(n);
    }

    private boolean digits() {
        int start = at;
        while (digit()) {
            at++;
        }
        return at > start;
    }

    private boolean digit() {
        return at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9';
    }

    private Object word(String word, Object value) throws Malformed {
        if (!text.startsWith(word, at)) {
            throw fail("no value starts with this word");
        }
        at += word.length();
        return value;
    }

    private void space() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private boolean next(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws Malformed {
        if (!next(c)) {
            throw fail(at >= text.length() ? "the text ends where '" + c + "' belongs" : "'" + c + "' belongs here");
        }
    }

    private Malformed fail(String what) {
        return new Malformed("at character " + at + ": " + what);
    }
}
