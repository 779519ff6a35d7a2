package dev.latchkey.cli.production;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A finished process: its exit code and everything it printed.
 *
 * @param exit the exit code
 * @param out its standard output
 * @param err its standard error
 */
record Ran(int exit, String out, String err) {

    /** Waits up to {@code limit} for {@code process}, reading both streams; a process still running then is killed. */
    static Ran of(Process process, Duration limit) throws InterruptedException {
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        return finish(process, limit, out, err);
    }

    /** As {@link #of}, with the error stream already being read into {@code err}. */
    static Ran finish(Process process, Duration limit, CompletableFuture<String> out, CompletableFuture<String> err)
            throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("the process did not end within " + limit.toSeconds() + " s");
        }
        return new Ran(process.exitValue(), out.join(), err.join());
    }

    static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
