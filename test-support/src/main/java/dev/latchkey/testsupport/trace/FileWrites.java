package dev.latchkey.testsupport.trace;

import dev.latchkey.testsupport.RealParts;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a process tree wrote to files, read from a trace of it under {@code strace -f}: the bytes of
 * every write to a named file (the buffers of {@code write}, {@code pwrite64}, {@code writev},
 * {@code pwritev}, {@code pwritev2}), joined per file in the order written, so a value split across
 * two buffers is still found, and every file opened for writing or renamed into place. A write to a
 * pipe, a socket or a terminal is not a file write (it leaves the machine's disk alone); neither is
 * one to a device or to {@code /proc}. A file written and then deleted is still caught: the trace
 * holds its bytes.
 *
 * <pre>{@code
 * Path trace = ...;
 * new ProcessBuilder(concat(FileWrites.command(trace), List.of("java", ...))).start()...;
 * FileWrites.read(trace, folderItStartedIn).assertNoneHolds(values);
 * FileWrites.assertNoneUnder(List.of(home, work), start, values);
 * }</pre>
 *
 * <p>Messages name the file and never the value. A write strace cut short (beyond its string limit)
 * fails the check rather than pass unread. Bytes that reach a file without a write call (a shared
 * memory mapping, {@code copy_file_range} or {@code sendfile} from another file) are not in the
 * trace: such a file was opened for writing, so its content is checked if it is still there, and
 * a copy's source was written first.
 */
public final class FileWrites {

    /** strace's string limit: every buffer up to this many bytes is read whole. */
    static final int STRING_LIMIT = 1 << 20;

    private final Map<String, ByteArrayOutputStream> bytes;
    private final Set<String> cutShort;
    private final Set<String> openedForWriting;

    private FileWrites(Map<String, ByteArrayOutputStream> bytes, Set<String> cutShort, Set<String> openedForWriting) {
        this.bytes = bytes;
        this.cutShort = cutShort;
        this.openedForWriting = openedForWriting;
    }

    /**
     * The command to put before a program's own: {@code strace -f}, writing its trace to {@code trace},
     * with every string in hex, descriptors named by path, and buffers read up to {@value #STRING_LIMIT} bytes.
     */
    public static List<String> command(Path trace) {
        // --seccomp-bpf: only the traced calls stop the process (a JavaFX app under strace stays usable).
        return List.of("strace", "-f", "--seccomp-bpf", "-qq", "-y", "-xx", "-s", Integer.toString(STRING_LIMIT), "-e", "status=successful",
                "-e", "trace=open,openat,openat2,creat,rename,renameat,renameat2,chdir,fchdir,"
                        + "write,pwrite64,writev,pwritev,pwritev2",
                "-o", trace.toString());
    }

    /** Fails when strace is missing and real parts are required ({@link RealParts}), else skips the test saying so. */
    public static void requireStrace() {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "strace")));
        if (!found) {
            RealParts.missing("strace is not installed, and it is what shows which files a process wrote (Debian: strace)");
        }
    }

    /**
     * Reads the trace at {@code trace}; {@code start} is the folder the traced program started in
     * (a plain {@code rename} of a relative name, which names no folder, resolves against it until the
     * process is seen in another).
     */
    public static FileWrites read(Path trace, Path start) throws IOException {
        Map<String, ByteArrayOutputStream> bytes = new LinkedHashMap<>();
        Set<String> cutShort = new LinkedHashSet<>();
        Set<String> opened = new LinkedHashSet<>();
        Map<Long, Path> cwd = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(trace, StandardCharsets.ISO_8859_1)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Optional<TraceLine> parsed = TraceLine.parse(line);
                if (parsed.isEmpty()) {
                    continue;
                }
                TraceLine call = parsed.get();
                if (call.flags().startsWith("AT_FDCWD") && !call.fds().isEmpty()) {
                    // A call relative to AT_FDCWD shows the process's folder at the time.
                    cwd.put(call.pid(), Path.of(call.fds().getFirst()));
                }
                Path here = cwd.getOrDefault(call.pid(), start);
                switch (call.name()) {
                    case "write", "pwrite64", "writev", "pwritev", "pwritev2" -> call.fds().stream().findFirst().flatMap(FileWrites::named).ifPresent(f -> {
                        bytes.computeIfAbsent(f, k -> new ByteArrayOutputStream()).writeBytes(call.written());
                        if (call.truncated()) {
                            cutShort.add(f);
                        }
                    });
                    case "open", "openat", "openat2", "creat" -> {
                        if (call.opensForWriting()) {
                            int dir = call.name().startsWith("openat") ? 0 : -1;
                            named(call.result().orElseGet(() -> resolve(here, call.fds(), dir, call.strings().getFirst())))
                                    .ifPresent(opened::add);
                        }
                    }
                    case "rename" -> named(resolve(here, call.fds(), -1, call.strings().get(1))).ifPresent(opened::add);
                    case "renameat", "renameat2" -> named(resolve(here, call.fds(), 1, call.strings().get(1))).ifPresent(opened::add);
                    case "chdir" -> cwd.put(call.pid(), Path.of(resolve(here, call.fds(), -1, call.strings().getFirst())));
                    case "fchdir" -> cwd.put(call.pid(), Path.of(call.fds().getFirst()));
                    default -> {
                        // Only the calls command() traces reach here.
                    }
                }
            }
        }
        return new FileWrites(bytes, cutShort, opened);
    }

    /** Every named file the trace shows written to, in the order first written. */
    public Set<String> writtenTo() {
        return bytes.keySet();
    }

    /** Every named file the trace shows opened for writing (or created, or renamed into place). */
    public Set<String> openedForWriting() {
        return openedForWriting;
    }

    /**
     * Fails when any of {@code values} is in the bytes written to any named file, or in any file
     * opened for writing that is still there, or when strace cut a write to a named file short.
     */
    public void assertNoneHolds(Collection<String> values) throws IOException {
        for (Map.Entry<String, ByteArrayOutputStream> e : bytes.entrySet()) {
            if (cutShort.contains(e.getKey())) {
                throw new AssertionError("strace showed only part of a write to " + e.getKey()
                        + " (over " + STRING_LIMIT + " bytes): it cannot be checked");
            }
            assertAbsent(e.getValue().toString(StandardCharsets.ISO_8859_1), values, "what was written to " + e.getKey());
        }
        for (String f : openedForWriting) {
            Path p = Path.of(f);
            if (Files.isRegularFile(p)) {
                try {
                    assertAbsent(Files.readString(p, StandardCharsets.ISO_8859_1), values, f);
                } catch (NoSuchFileException gone) {
                    // Deleted since: its bytes were in the trace, checked above.
                }
            }
        }
    }

    /**
     * Fails when any of {@code values} is in a file under {@code folders} changed since {@code since}.
     * A file or folder that vanishes during the walk (a process's scratch file) is passed over.
     */
    public static void assertNoneUnder(List<Path> folders, Instant since, Collection<String> values) throws IOException {
        for (Path folder : folders) {
            for (Path f : FolderScan.changedSince(folder, since)) {
                try {
                    assertAbsent(Files.readString(f, StandardCharsets.ISO_8859_1), values, f.toString());
                } catch (NoSuchFileException gone) {
                    // Deleted during the walk.
                }
            }
        }
    }

    private static void assertAbsent(String content, Collection<String> values, String where) {
        List<Integer> found = new ArrayList<>();
        int i = 0;
        for (String v : values) {
            if (content.contains(new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                found.add(i);
            }
            i++;
        }
        if (!found.isEmpty()) {
            throw new AssertionError(where + " holds searched value(s) number " + found + " of " + values.size());
        }
    }

    /** The file {@code path} names, when it is one on disk (not a pipe, socket, device or {@code /proc} entry). */
    static Optional<String> named(String path) {
        String p = path.endsWith(" (deleted)") ? path.substring(0, path.length() - " (deleted)".length()) : path;
        if (!p.startsWith("/") || p.startsWith("/dev/") || p.startsWith("/proc/") || p.startsWith("/sys/")
                || p.startsWith("/memfd:")) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /**
     * {@code name} against the folder of the {@code fd}th descriptor argument when strace named one
     * (a directory, or the folder AT_FDCWD stood for), else against {@code cwd}.
     */
    private static String resolve(Path cwd, List<String> fds, int fd, byte[] name) {
        String n = new String(name, StandardCharsets.UTF_8);
        Path base = fd >= 0 && fd < fds.size() && fds.get(fd).startsWith("/") ? Path.of(fds.get(fd)) : cwd;
        return base.resolve(n).normalize().toString();
    }
}
