package dev.latchkey.app.demo;

import dev.latchkey.core.diagnostics.FailureText;
import dev.latchkey.core.config.PrivateFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo broker as a child process of the app ({@link DemoBrokerProgram}). It says where it
 * listens on its standard output ({@value #LISTENING}URL); everything it prints goes to a log
 * file of its own (0600, one run's worth), never to the app's output. It stops when the app closes
 * it, and by itself when the app ends without doing so: the app holds its standard input.
 */
public final class DemoBroker implements AutoCloseable {

    /** How the broker's line with its URL begins. */
    static final String LISTENING = "Latchkey broker listening on ";

    private final Process process;
    private final Path log;
    private final Duration stopWithin;
    private final CompletableFuture<URI> url = new CompletableFuture<>();

    private DemoBroker(Process process, Path log, Duration stopWithin) {
        this.process = process;
        this.log = log;
        this.stopWithin = stopWithin;
    }

    /**
     * Starts {@code program} and returns at once; {@link #awaitUrl} waits until it listens.
     *
     * @param log the file its output goes to, made anew (0600 in a 0700 folder)
     * @throws DemoBrokerException when it cannot be started at all
     */
    public static DemoBroker launch(DemoBrokerProgram program, Path log) throws DemoBrokerException {
        program.check();
        OutputStream out;
        try {
            PrivateFiles.newOutputStream(log).close(); // empty, and private before anything is written
            out = PrivateFiles.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new DemoBrokerException("cannot write its log at " + log + " (" + FailureText.describe(e) + ")", e);
        }
        Process process;
        try {
            process = new ProcessBuilder(program.command())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            close(out);
            throw new DemoBrokerException("could not run " + program.java() + " (" + FailureText.describe(e) + ")", e);
        }
        DemoBroker broker = new DemoBroker(process, log, program.stopWithin());
        Thread.ofPlatform().daemon().name("demo-broker-output").start(() -> broker.copyOutput(out));
        return broker;
    }

    /** Reads the broker's standard output into its log, catching the line that says where it listens. */
    private void copyOutput(OutputStream out) {
        try (out; BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!url.isDone() && line.startsWith(LISTENING)) {
                    try {
                        url.complete(URI.create(line.substring(LISTENING.length()).strip()));
                    } catch (IllegalArgumentException e) {
                        url.completeExceptionally(new DemoBrokerException("it named a URL that is not one", e));
                    }
                }
            }
        } catch (IOException e) {
            // Its output ended with it: what that means is decided below.
        }
        url.completeExceptionally(new DemoBrokerException("it ended before it was ready"));
    }

    /**
     * Waits until the broker says where it listens.
     *
     * @throws DemoBrokerException when it ends first or stays silent for {@code timeout}; the broker
     *     is stopped then, and the message says why and where its log is
     * @throws InterruptedException when the wait is interrupted (the broker is stopped then too)
     */
    public URI awaitUrl(Duration timeout) throws DemoBrokerException, InterruptedException {
        try {
            return url.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            close();
            throw new DemoBrokerException(endedEarly(), e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new DemoBrokerException("it did not say where it listens within " + (timeout.toMillis() + 999) / 1000
                    + " s. Its log: " + log, e);
        } catch (InterruptedException e) {
            close();
            throw e;
        }
    }

    /** Why it ended before listening: its exit code and its own last complaint, from the log. */
    private String endedEarly() throws InterruptedException {
        String exit = process.waitFor(stopWithin.toMillis(), TimeUnit.MILLISECONDS)
                ? "it stopped (exit " + process.exitValue() + ") before it was ready" : "it was not ready";
        String complaint;
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            complaint = lines.reversed().stream().filter(l -> l.startsWith("latchkey-broker:")).findFirst()
                    .map(l -> ": " + (l.length() > 300 ? l.substring(0, 300) + " …" : l)).orElse("");
        } catch (IOException e) {
            complaint = "";
        }
        return exit + complaint + ". Its log: " + log;
    }

    /** Where the broker listens, once {@link #awaitUrl} has returned it. */
    public URI url() {
        return url.getNow(null);
    }

    /** The file its output goes to. */
    public Path log() {
        return log;
    }

    /** The broker's process id, for tests. */
    long pid() {
        return process.pid();
    }

    /**
     * Stops the broker: its standard input ends (it stops itself then) and it is asked to terminate;
     * killed if it has not ended within a few seconds.
     */
    @Override
    public void close() {
        close(process.getOutputStream());
        process.destroy();
        try {
            if (!process.waitFor(stopWithin.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void close(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Closed already, or the process is gone: either way nothing is left to close.
        }
    }
}
