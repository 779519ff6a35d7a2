package dev.latchkey.core.internal.json;

import java.io.Serial;

/**
 * A small, strict JSON reader and string writer (RFC 8259) for short messages on the hot paths of
 * the command line, where loading Jackson costs a command more than the rest of its work (the CLI
 * reading the local agent's replies). It reads a whole text into maps, lists, strings, numbers,
 * booleans and {@link #NULL}, and accepts nothing the RFC does not: no comments, no single quotes,
 * no trailing commas, no leading zeros, no control characters in strings, no lone surrogates, no
 * duplicate names, no text after the value. Objects nest at most {@link #MAX_DEPTH} deep.
 *
 * <p>A {@link Malformed} names where and what went wrong, never the text (a message may hold a
 * token or a secret's value).
 */
public final class StrictJson {

    /** How deep objects and arrays may nest; the agent's replies use four levels. */
    public static final int MAX_DEPTH = 16;
    /** JSON's {@code null}, distinct from a missing field. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private StrictJson() {
    }

    /**
     * The value {@code text} holds: a {@code Map<String, Object>} (in the text's order), a
     * {@code List<Object>}, a {@link String}, a {@link Long} (a whole number that fits), a
     * {@link Double} (any other number), a {@link Boolean} or {@link #NULL}.
     */
    public static Object parse(String text) throws Malformed {
        return StrictJsonReader.read(text);
    }

    /** {@code text} as a JSON string: quote, backslash and control characters escaped. */
    public static String quoted(String text) {
        StringBuilder q = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    /** Text that is not JSON as RFC 8259 writes it, or not the message expected. */
    public static final class Malformed extends Exception {

        @Serial
        private static final long serialVersionUID = 1L;

        /** @param message where and what is wrong; never a piece of the text */
        public Malformed(String message) {
            super(message);
        }
    }
}
