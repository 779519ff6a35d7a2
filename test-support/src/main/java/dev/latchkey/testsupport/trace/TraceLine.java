package dev.latchkey.testsupport.trace;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One finished system call of a trace {@link FileWrites#command} wrote: {@code PID name(args) = RET<path>}.
 * With {@code -xx} every string is hex ({@code "\x61\x62"}), so a quote, a bracket or a newline in
 * a written buffer or a file's name cannot break the line apart; with {@code -y} every file
 * descriptor carries the path it stood for at the time ({@code 5<\x2f\x74...>}, {@code AT_FDCWD<cwd>},
 * {@code pipe:[123]}, {@code socket:[456]}), so a relative open is resolved the way the kernel did.
 *
 * @param pid the process (or thread) that made the call
 * @param name the system call
 * @param strings the string arguments in order (a written buffer, a path), as bytes
 * @param truncated whether strace cut any string or array short (its {@code ...})
 * @param fds the paths of the file-descriptor arguments in order, as strace named them
 * @param flags the argument text outside strings and paths ({@code O_WRONLY|O_CREAT}, lengths)
 * @param result the paths strace gave the returned descriptor, if any
 */
record TraceLine(long pid, String name, List<byte[]> strings, boolean truncated, List<String> fds, String flags,
                 Optional<String> result) {

    private static final Pattern HEAD = Pattern.compile("^(\\d+)\\s+([a-z0-9_]+)\\((.*)$");

    /** The call on {@code line}, or empty for strace's own lines (signals, exits, {@code +++}). */
    static Optional<TraceLine> parse(String line) {
        Matcher m = HEAD.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = m.group(3);
        List<byte[]> strings = new ArrayList<>();
        List<String> fds = new ArrayList<>();
        StringBuilder flags = new StringBuilder();
        boolean truncated = false;
        int depth = 0;
        int i = 0;
        Optional<String> result = Optional.empty();
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c == '"') {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                i = unquote(rest, i + 1, '"', bytes);
                strings.add(bytes.toByteArray());
                if (rest.startsWith("...", i)) {
                    truncated = true;
                    i += 3;
                }
            } else if (c == '<') {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                i = unquote(rest, i + 1, '>', bytes);
                String path = bytes.toString(StandardCharsets.UTF_8);
                if (depth < 0) {
                    result = Optional.of(path);
                } else {
                    fds.add(path);
                }
            } else {
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                } else if (c == '.' && rest.startsWith("...", i) && depth >= 0) {
                    truncated = true;
                }
                if (depth >= 0) {
                    flags.append(c);
                }
                i++;
            }
        }
        return Optional.of(new TraceLine(Long.parseLong(m.group(1)), m.group(2), strings, truncated, fds,
                flags.toString(), result));
    }

    /** Whether the call opened its file to write it (or create it). */
    boolean opensForWriting() {
        return name.equals("creat") || flags.contains("O_WRONLY") || flags.contains("O_RDWR") || flags.contains("O_CREAT");
    }

    /** The bytes a write-family call wrote (its buffers joined in order). */
    byte[] written() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        strings.forEach(all::writeBytes);
        return all.toByteArray();
    }

    /**
     * Reads a quoted text from {@code from} up to {@code end}, decoding strace's escapes into
     * {@code out}; returns the index after the closing character.
     */
    private static int unquote(String s, int from, char end, ByteArrayOutputStream out) {
        int i = from;
        while (i < s.length() && s.charAt(i) != end) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.write(c);
                i++;
                continue;
            }
            char e = s.charAt(i + 1);
            switch (e) {
                case 'x' -> {
                    out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                    i += 4;
                }
                case 'n' -> {
                    out.write('\n');
                    i += 2;
                }
                case 't' -> {
                    out.write('\t');
                    i += 2;
                }
                case 'r' -> {
                    out.write('\r');
                    i += 2;
                }
                case 'v' -> {
                    out.write(0x0b);
                    i += 2;
                }
                case 'f' -> {
                    out.write('\f');
                    i += 2;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int j = i + 1;
                        int v = 0;
                        while (j < s.length() && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                            v = v * 8 + (s.charAt(j) - '0');
                            j++;
                        }
                        out.write(v);
                        i = j;
                    } else {
                        out.write(e);
                        i += 2;
                    }
                }
            }
        }
        return i + 1;
    }
}
