package dev.latchkey.app.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Arguments as one line of text, the way a shell user types them: split on spaces, with
 * {@code '...'} and {@code "..."} quoting and {@code \} escapes outside single quotes. No
 * expansion happens: {@code $DB_URL} stays literal, for the child's own shell to expand.
 */
public final class ArgsText {

    private ArgsText() {
    }

    /**
     * Splits {@code text} into arguments.
     *
     * @throws IllegalArgumentException when a quote is never closed
     */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArg = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\\' && i + 1 < text.length()) {
                current.append(text.charAt(++i));
                inArg = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inArg = true;
            } else if (Character.isWhitespace(c)) {
                if (inArg) {
                    out.add(current.toString());
                    current.setLength(0);
                    inArg = false;
                }
            } else {
                current.append(c);
                inArg = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the arguments open a " + quote + " quote that never closes");
        }
        if (inArg) {
            out.add(current.toString());
        }
        return out;
    }

    /** The text form of {@code args}: {@link #split} of it gives {@code args} back. */
    public static String join(List<String> args) {
        return args.stream().map(ArgsText::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"' || c == '\\')) {
            return arg;
        }
        if (arg.indexOf('\'') < 0) {
            return "'" + arg + "'";
        }
        return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
