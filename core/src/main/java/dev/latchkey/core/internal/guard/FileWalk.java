package dev.latchkey.core.internal.guard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What {@code guard scan} reads: files and folders, walked without following links, each file's
 * lines handed to a {@link Scanner}; what is not scanned (links, submodules, binary and huge
 * files) gets a note saying why.
 */
final class FileWalk {

    private FileWalk() {
    }

    /** Scans a file or a folder (recursively, skipping .git) given to {@code guard scan}. */
    static void scan(Scanner s, Path p, Path base) {
        String shown = base == null ? p.toString() : base.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
            s.note(shown, "symbolic link: not followed");
            return;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            if (p.getFileName() != null && p.getFileName().toString().equals(".git")) {
                return;
            }
            if (Files.isRegularFile(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS) && base != null && !p.equals(base)) {
                s.note(shown, "submodule or linked worktree: scan it on its own");
                return;
            }
            try (Stream<Path> children = Files.list(p)) {
                children.sorted().forEach(c -> scan(s, c, base == null ? p : base));
            } catch (IOException e) {
                s.note(shown, "cannot list it (" + e.getMessage() + ")");
            }
            return;
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            s.note(shown, Files.exists(p) ? "not a regular file: not scanned" : "no such file");
            return;
        }
        try {
            if (Files.size(p) > Scanner.MAX_FILE_BYTES) {
                s.note(shown, "larger than " + Scanner.MAX_FILE_BYTES / (1024 * 1024) + " MB: not scanned");
                return;
            }
            byte[] bytes = Files.readAllBytes(p);
            for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
                if (bytes[i] == 0) {
                    s.note(shown, "binary: not scanned");
                    return;
                }
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                s.note(shown, "not UTF-8: read as Latin-1");
                text = new String(bytes, StandardCharsets.ISO_8859_1);
            }
            text(s, shown, text);
        } catch (IOException e) {
            s.note(shown, "cannot read it (" + e.getMessage() + ")");
        }
    }

    /** Scans every line of {@code text} as the file {@code path}. */
    static void text(Scanner s, String path, String text) {
        int number = 1;
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == '\n') {
                int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                if (i < n || end > start) {
                    s.line(path, number, text.substring(start, end));
                }
                number++;
                start = i + 1;
            }
        }
    }
}
