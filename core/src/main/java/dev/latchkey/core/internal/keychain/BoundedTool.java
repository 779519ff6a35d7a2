package dev.latchkey.core.internal.keychain;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one of the keychain's command-line tools ({@code secret-tool}, {@code dbus-send}) within a
 * bound: standard input from {@code /dev/null}, and a tool that outlives the bound ended with every
 * process it started. Its arguments must never hold a value: a value comes back only through the
 * output pipe, into an {@link Answer} that zeroes it when closed. Callers keep only their own rules
 * on the exit code and the answer's shape.
 *
 * <p>Standard output is read to its end before standard error, on the caller's thread: these tools
 * print at most a line of error, or a few lines of attributes per entry ({@code search --all}), far
 * below a pipe's 64 KiB. A second reader thread would be started in every one-command process for
 * an answer that never needs it; a tool that did fill the pipe is ended at its bound and is no
 * answer, so the caller reads the long way (the same as a tool that hangs), never a wrong value.
 */
final class BoundedTool {

    private static final File NO_INPUT = Path.of("/dev/null").toFile();

    private BoundedTool() {
    }

    /**
     * What a tool said once it ended on its own; {@link #close()} zeroes both outputs (the bytes
     * only: text made from them is the caller's).
     */
    record Answer(byte[] out, byte[] err, int exit) implements AutoCloseable {

        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }

        String errText() {
            return new String(err, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            Arrays.fill(out, (byte) 0);
            Arrays.fill(err, (byte) 0);
        }
    }

    /**
     * The tool's answer once it ended on its own within {@code bound}; empty when it could not be
     * started, its output could not be read, or it was ended at the bound: a tool killed there is
     * no answer (as a timeout always was), never an ordinary exit such as 137.
     */
    static Optional<Answer> run(List<String> argv, Duration bound) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(NO_INPUT)).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        // A tool that does not answer within the bound is ended, which ends the reads below.
        EndAll end = new EndAll(p, new AtomicBoolean());
        CompletableFuture.delayedExecutor(bound.toMillis(), TimeUnit.MILLISECONDS).execute(end);
        byte[] out = null;
        byte[] err = null;
        try {
            out = readAll(p.getInputStream());
            err = readAll(p.getErrorStream());
            // Whichever comes first settles it: the tool's own end, or the bound (which kills it).
            if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS) || !end.settled().compareAndSet(false, true)) {
                return Optional.empty();
            }
            Answer answer = new Answer(out, err, p.exitValue());
            out = null;
            err = null;
            return Optional.of(answer);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            // Whatever was read of an answer not given is zeroed.
            zero(out);
            zero(err);
            p.destroy();
        }
    }

    /**
     * Ends a tool that outlived its bound with every process it started: one left behind would
     * keep the output pipe open, and the read waiting on it, past the bound. Nothing once the tool
     * has answered ({@code settled}).
     */
    private record EndAll(Process process, AtomicBoolean settled) implements Runnable {
        @Override
        public void run() {
            if (settled.compareAndSet(false, true)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void zero(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
