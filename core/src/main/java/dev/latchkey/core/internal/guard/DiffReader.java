package dev.latchkey.core.internal.guard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads {@code git diff -U0} or {@code git log -p -U0} output and hands on the added lines of
 * each file with their line numbers in the new version. Files it does not scan get a note
 * saying why: binary, symbolic link (its target is a path, not content), submodule, deleted,
 * or past {@link Scanner#MAX_FILE_BYTES}. A file that is not UTF-8 is read as Latin-1 (so a
 * secret in ASCII is still found) with a note.
 */
public final class DiffReader {

    /** What the reader finds. */
    interface Sink {
        void commit(String sha);

        void line(String path, int number, String text);

        void note(String path, String why);
    }

    private static final String DEV_NULL = "/dev/null";
    private final Sink sink;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private String path;
    private String headerPath;
    private String renamedFrom;
    private boolean skip;
    private boolean latin1Noted;
    private long bytes;
    private int next;

    DiffReader(Sink sink) {
        this.sink = sink;
    }

    /**
     * Reads {@code in} a buffer at a time, finding line ends in the buffer: most of a hook's
     * diff is read before the JIT has compiled anything, and a call or two per byte
     * ({@code read()}, {@code write(int)}) was a good part of its time.
     */
    void read(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        int start = 0;
        int end = 0;
        while (true) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                break;
            }
            int from = end;
            end += n;
            for (int i = from; i < end; i++) {
                if (buf[i] == '\n') {
                    handle(buf, start, i - start);
                    start = i + 1;
                }
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        if (end > start) {
            handle(buf, start, end - start);
        }
    }

    private void handle(byte[] b, int off, int len) {
        if (len > 0 && b[off] == '+' && path != null && !(len >= 4 && b[off + 1] == '+' && b[off + 2] == '+'
                && b[off + 3] == ' ' && next == 0)) {
            added(b, off, len);
            return;
        }
        String l = new String(b, off, len, StandardCharsets.UTF_8);
        if (l.startsWith("commit ")) {
            sink.commit(l.substring(7).strip());
            path = null;
        } else if (l.startsWith("diff --git ")) {
            startFile(l.substring(11));
        } else if (l.startsWith("new file mode ") || l.startsWith("new mode ")) {
            mode(l.substring(l.lastIndexOf(' ') + 1));
        } else if (l.startsWith("deleted file mode ")) {
            skip = true;
        } else if (l.startsWith("rename from ")) {
            renamedFrom = l.substring(12);
        } else if (l.startsWith("rename to ")) {
            headerPath = l.substring(10);
            sink.note(headerPath, "renamed from " + renamedFrom + ": only changed lines scanned");
        } else if (l.startsWith("Binary files ")) {
            note("binary: not scanned");
        } else if (l.startsWith("+++ ")) {
            // git ends a path holding a space with a tab, so the line cannot be misread.
            String p = unquote(l.substring(4).endsWith("\t") ? l.substring(4, l.length() - 1) : l.substring(4));
            if (!p.equals(DEV_NULL)) {
                headerPath = p.startsWith("b/") ? p.substring(2) : p;
            }
            path = headerPath;
        } else if (l.startsWith("@@ ")) {
            int plus = l.indexOf(" +");
            int end = l.indexOf(' ', plus + 2);
            String range = l.substring(plus + 2, end < 0 ? l.length() : end);
            int comma = range.indexOf(',');
            next = Integer.parseInt(comma < 0 ? range : range.substring(0, comma));
            path = headerPath;
        }
    }

    private void startFile(String header) {
        path = null;
        skip = false;
        latin1Noted = false;
        bytes = 0;
        next = 0;
        renamedFrom = null;
        // "a/P b/P": with the same path twice, the middle is known even when P holds spaces.
        String h = unquote(header);
        headerPath = h.length() > 4 && (h.length() - 5) % 2 == 0 ? h.substring((h.length() + 1) / 2 + 2) : h;
    }

    private void mode(String mode) {
        if (mode.equals("120000")) {
            note("symbolic link: its target is not scanned");
        } else if (mode.equals("160000")) {
            note("submodule: scan it in its own repository");
        }
    }

    private void note(String why) {
        if (!skip && headerPath != null) {
            sink.note(headerPath, why);
        }
        skip = true;
    }

    private void added(byte[] b, int off, int len) {
        int number = next++;
        if (skip) {
            return;
        }
        bytes += len;
        if (bytes > Scanner.MAX_FILE_BYTES) {
            note("larger than " + Scanner.MAX_FILE_BYTES / (1024 * 1024) + " MB: not scanned past line " + number);
            return;
        }
        // The lenient decoding is the fast one (ASCII is copied as it is); only a line where it
        // replaced something, or held a replacement character, is decoded again strictly.
        String text = new String(b, off + 1, len - 1, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0 && !utf8(b, off + 1, len - 1)) {
            text = new String(b, off + 1, len - 1, StandardCharsets.ISO_8859_1);
            if (!latin1Noted) {
                sink.note(path, "not UTF-8: read as Latin-1 from line " + number);
                latin1Noted = true;
            }
        }
        sink.line(path, number, text);
    }

    private boolean utf8(byte[] b, int off, int len) {
        try {
            utf8.decode(ByteBuffer.wrap(b, off, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** git quotes paths with special characters in C style. */
    static String unquote(String p) {
        if (p.length() < 2 || p.charAt(0) != '"' || p.charAt(p.length() - 1) != '"') {
            return p;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i < p.length() - 1; i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length() - 1) {
                char e = p.charAt(++i);
                switch (e) {
                    case 'n' -> out.write('\n');
                    case 't' -> out.write('\t');
                    case '"' -> out.write('"');
                    case '\\' -> out.write('\\');
                    default -> {
                        if (e >= '0' && e <= '7' && i + 2 < p.length()) {
                            out.write(Integer.parseInt(p.substring(i, i + 3), 8));
                            i += 2;
                        } else {
                            out.write(e);
                        }
                    }
                }
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
