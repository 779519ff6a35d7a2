package dev.latchkey.core.internal.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one way the keychain's tools are run: a tool past its bound ended with the processes it
 * started and reported as no answer, both outputs and the exit of a tool that ended on its own,
 * and what it printed zeroed once the answer is closed.
 */
@Timeout(60)
class BoundedToolTest {

    /** 256 KiB: four times a pipe's buffer. */
    private static final String MUCH_TO_STDERR = "head -c 262144 /dev/zero | tr '\\0' e >&2";

    @TempDir
    Path dir;

    @Test
    void aToolEndedAtItsBoundIsNoAnswerNotExit137() {
        long start = System.nanoTime();
        // Killed at the bound it would end with 137: that must not read as the tool's own exit.
        assertThat(BoundedTool.run(List.of("/bin/sh", "-c", "printf partial; sleep 30"), Duration.ofMillis(300))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aToolKilledByOtherMeansWithinItsBoundIsAnOrdinaryExit() {
        // Only the bound makes "no answer"; a tool that dies of a signal on its own says so by its exit.
        try (BoundedTool.Answer a = BoundedTool.run(List.of("/bin/sh", "-c", "kill -9 $$"), Duration.ofSeconds(20))
                .orElseThrow()) {
            assertThat(a.exit()).isEqualTo(137);
        }
    }

    @Test
    void aToolPastItsBoundIsEndedWithTheProcessesItStarted() throws Exception {
        Path pid = dir.resolve("child");
        long start = System.nanoTime();
        // The child keeps both pipes open: ending only the tool would leave the reads waiting.
        assertThat(BoundedTool.run(List.of("/bin/sh", "-c", "sleep 60 & echo $! > " + pid + "; wait"),
                Duration.ofMillis(500))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        long child = Long.parseLong(Files.readString(pid).strip());
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!ended(child) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(ended(child)).as("the tool's child %d ended with it", child).isTrue();
    }

    /**
     * Whether a process is gone or only waits to be reaped: killed, its parent ended, it is a
     * zombie of the system's first process until that one reaps it (which can take a second), and
     * ProcessHandle counts a zombie as alive.
     */
    private static boolean ended(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        String line;
        try {
            line = Files.readString(stat);
        } catch (NoSuchFileException e) {
            return true;
        }
        // The state follows the command's name, which is in parentheses.
        return line.substring(line.lastIndexOf(')') + 2).startsWith("Z");
    }

    @Test
    void bothOutputsAndTheExitOfAToolThatEndedOnItsOwn() {
        try (BoundedTool.Answer a = BoundedTool.run(List.of("/bin/sh", "-c", "printf value; printf noise >&2; exit 3"),
                Duration.ofSeconds(20)).orElseThrow()) {
            assertThat(a.outText()).isEqualTo("value");
            assertThat(a.errText()).isEqualTo("noise");
            assertThat(a.exit()).isEqualTo(3);
        }
    }

    @Test
    void muchOnStandardErrorOnceStandardOutputIsClosedIsReadWhole() {
        long start = System.nanoTime();
        try (BoundedTool.Answer a = BoundedTool.run(List.of("/bin/sh", "-c", "echo the-answer; exec 1>&-; " + MUCH_TO_STDERR),
                Duration.ofSeconds(20)).orElseThrow()) {
            assertThat(a.outText()).isEqualTo("the-answer\n");
            assertThat(a.err()).hasSize(262_144);
            assertThat(a.exit()).isZero();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aToolFillingStandardErrorBeforeItsAnswerIsEndedAtItsBoundNotWaitedFor() {
        // Standard error is read after standard output (the keychain's tools print little there):
        // a tool that fills its pipe first is the same as a tool that hangs, ended at the bound.
        long start = System.nanoTime();
        assertThat(BoundedTool.run(List.of("/bin/sh", "-c", MUCH_TO_STDERR + "; echo the-answer"), Duration.ofMillis(500)))
                .isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void closingTheAnswerZeroesWhatTheToolPrinted() {
        BoundedTool.Answer a = BoundedTool.run(List.of("/bin/sh", "-c", "printf value; printf noise >&2"),
                Duration.ofSeconds(10)).orElseThrow();
        byte[] out = a.out();
        byte[] err = a.err();
        assertThat(new String(out)).isEqualTo("value");
        a.close();
        assertThat(out).containsOnly(0);
        assertThat(err).containsOnly(0);
    }

    @Test
    void aToolThatCannotStartIsNoAnswer() {
        assertThat(BoundedTool.run(List.of(dir.resolve("missing").toString()), Duration.ofSeconds(1))).isEmpty();
    }
}
