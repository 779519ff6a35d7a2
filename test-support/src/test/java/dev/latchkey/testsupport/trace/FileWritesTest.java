package dev.latchkey.testsupport.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child process under {@code strace -f}: a value it wrote to a file is found in the trace
 * even after the file is gone, even split across two writes or two buffers of one; a file renamed
 * into place is known as written; the same value through a pipe is not a file write.
 */
class FileWritesTest {

    private static final String VALUE = "sk_test_tr4ce-" + System.nanoTime();

    @TempDir
    Path root;

    @Test
    void aValueWrittenToAFileThenDeletedIsCaughtFromTheTrace() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        // Two halves through two opens (a relative name, resolved against the child's folder), then the file is removed.
        FileWrites writes = traced("printf '%s' \"$LEFT\" > note.txt; printf '%s' \"$RIGHT\" >> note.txt; rm note.txt; echo done");
        String note = root.resolve("note.txt").toString();
        assertThat(Files.exists(root.resolve("note.txt"))).isFalse();
        assertThat(writes.writtenTo()).contains(note);
        assertThat(writes.openedForWriting()).contains(note);
        assertThatThrownBy(() -> writes.assertNoneHolds(List.of("unrelated", VALUE)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(note)
                .hasMessageNotContaining(VALUE)
                .hasMessageNotContaining(VALUE.substring(0, VALUE.length() / 2));
        // The folder holds nothing now: only the trace saw it.
        FileWrites.assertNoneUnder(List.of(root), start, List.of(VALUE));
    }

    @Test
    void theSameValueThroughAPipeIsNotAFileWrite() throws Exception {
        FileWrites writes = traced("printf '%s%s' \"$LEFT\" \"$RIGHT\" | cat; printf other > other.txt");
        // The trace did see writes: the harmless file, and the value went to the test through a pipe.
        assertThat(writes.writtenTo()).containsExactly(root.resolve("other.txt").toString());
        writes.assertNoneHolds(List.of(VALUE));
    }

    /** What a JVM does: one {@code writev} of two buffers to a scratch file, then a relative rename into place. */
    @Test
    void aValueInTwoBuffersOfOneWritevToAFileRenamedIntoPlaceIsCaught() throws Exception {
        Files.writeString(root.resolve("Keep.java"), """
                import java.nio.ByteBuffer;
                import java.nio.channels.FileChannel;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.nio.file.StandardCopyOption;
                import java.nio.file.StandardOpenOption;

                public class Keep {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of("keep.tmp"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                            c.write(new ByteBuffer[] {ByteBuffer.wrap(System.getenv("LEFT").getBytes()),
                                    ByteBuffer.wrap(System.getenv("RIGHT").getBytes())});
                        }
                        Files.move(Path.of("keep.tmp"), Path.of("kept.env"), StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        FileWrites writes = traced(List.of(java, "-XX:-UsePerfData", "Keep.java"));
        assertThat(writes.writtenTo()).containsExactly(root.resolve("keep.tmp").toString());
        assertThat(writes.openedForWriting()).contains(root.resolve("keep.tmp").toString(), root.resolve("kept.env").toString());
        assertThatThrownBy(() -> writes.assertNoneHolds(List.of(VALUE)))
                .hasMessageContaining(root.resolve("keep.tmp").toString()).hasMessageNotContaining(VALUE);
    }

    @Test
    void aValueLeftInAFolderIsFoundThere() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        Path kept = Files.writeString(Files.createDirectories(root.resolve("kept")).resolve("a.env"), "A=" + VALUE);
        assertThatThrownBy(() -> FileWrites.assertNoneUnder(List.of(root.resolve("kept")), start, List.of(VALUE)))
                .hasMessageContaining(kept.toString()).hasMessageNotContaining(VALUE);
    }

    /** Runs {@code script} in a shell under strace in {@code root}, the value's halves in its environment. */
    private FileWrites traced(String script) throws Exception {
        return traced(List.of("sh", "-c", script));
    }

    /** Runs {@code program} under strace in {@code root}, the value's halves in its environment. */
    private FileWrites traced(List<String> program) throws Exception {
        FileWrites.requireStrace();
        Path trace = Files.createTempFile("trace", ".txt");
        try {
            List<String> command = new ArrayList<>(FileWrites.command(trace));
            command.addAll(program);
            ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
            pb.environment().putAll(Map.of("LEFT", VALUE.substring(0, 8), "RIGHT", VALUE.substring(8)));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            return FileWrites.read(trace, root);
        } finally {
            Files.deleteIfExists(trace);
        }
    }
}
