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
 * even after the file is gone, even split across two writes; the same value through a pipe is not
 * a file write.
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

    @Test
    void aValueLeftInAFolderIsFoundThere() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        Path kept = Files.writeString(Files.createDirectories(root.resolve("kept")).resolve("a.env"), "A=" + VALUE);
        assertThatThrownBy(() -> FileWrites.assertNoneUnder(List.of(root.resolve("kept")), start, List.of(VALUE)))
                .hasMessageContaining(kept.toString()).hasMessageNotContaining(VALUE);
    }

    /** Runs {@code script} in a shell under strace in {@code root}, the value's halves in its environment. */
    private FileWrites traced(String script) throws Exception {
        FileWrites.requireStrace();
        Path trace = Files.createTempFile("trace", ".txt");
        try {
            List<String> command = new ArrayList<>(FileWrites.command(trace));
            command.addAll(List.of("sh", "-c", script));
            ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
            pb.environment().putAll(Map.of("LEFT", VALUE.substring(0, 8), "RIGHT", VALUE.substring(8)));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            return FileWrites.read(trace, root);
        } finally {
            Files.deleteIfExists(trace);
        }
    }
}
