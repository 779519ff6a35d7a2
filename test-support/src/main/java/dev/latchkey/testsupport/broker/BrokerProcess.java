package dev.latchkey.testsupport.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real broker binary, run as an operator runs it ({@code java [jvm options] -jar latchkey-broker.jar
 * [args]}), as a child process: started, asked for the URL it prints, stopped with SIGTERM or
 * killed with SIGKILL. Its stderr goes to a log file a failing test can show. Knows the jar only
 * by its path, so no module's tests need the broker's classes to run it.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final String LISTENING = "listening on ";

    private final Process process;
    private final URI url;
    private final Path log;

    private BrokerProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /**
     * The command that runs {@code jar} with {@code jvm} options and {@code args}, on the JVM that
     * runs the test.
     */
    public static List<String> command(Path jar, List<String> jvm, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Starts the broker and waits until it prints the URL it listens on.
     *
     * @param jar the broker jar, its {@code lib/} folder beside it
     * @param jvm options for its JVM, such as {@code -Xmx256m}
     * @param args the broker's own arguments
     * @param dir its working folder
     * @param log where its stderr goes
     * @param startLimit how long it may take to print its URL before it is killed
     * @throws IOException when it cannot be started, exits, or prints no URL in time; the message holds its log
     */
    public static BrokerProcess start(Path jar, List<String> jvm, List<String> args, Path dir, Path log,
            Duration startLimit) throws IOException {
        Process p = new ProcessBuilder(command(jar, jvm, args)).directory(dir.toFile()).redirectError(log.toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> firstListening(out)).get(startLimit.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            p.destroyForcibly();
            throw new IOException("the broker printed no URL within " + startLimit.toSeconds() + " s; its log:\n"
                    + Files.readString(log), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a broker", e);
        }
        if (line == null) {
            p.destroyForcibly();
            throw new IOException("the broker exited without printing its URL; its log:\n" + Files.readString(log));
        }
        // Nothing more is expected on stdout; drain it so the broker never blocks on a full pipe.
        Thread.ofVirtual().name("broker-stdout").start(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException ended) {
                // the broker is gone
            }
        });
        return new BrokerProcess(p, URI.create(line.substring(line.indexOf(LISTENING) + LISTENING.length()).strip()),
                log);
    }

    /**
     * A development broker ({@code --dev --port 0}, then {@code options} such as
     * {@code --dev-bulk-secrets=500}) from {@code jar}, in a working folder of its own under the
     * system's temporary folder (removed with its log when the test JVM exits).
     *
     * @throws IOException when it cannot be started or prints no URL within a minute; the message holds its log
     */
    public static BrokerProcess dev(Path jar, String... options) throws IOException {
        Path dir = Files.createTempDirectory("latchkey-dev-broker");
        Path log = dir.resolve("broker.log");
        // Registered in this order so the log goes first and the then-empty folder after it.
        dir.toFile().deleteOnExit();
        log.toFile().deleteOnExit();
        List<String> args = new ArrayList<>(List.of("--dev", "--port", "0"));
        args.addAll(List.of(options));
        // A short-lived test broker: the quick JIT tier and the serial GC start it fastest.
        return start(jar, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), args, dir, log,
                Duration.ofMinutes(1));
    }

    private static String firstListening(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null && !line.contains(LISTENING)) {
                // a line before the URL (dev mode's warning, say)
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where it listens, as it printed it. */
    public URI url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the broker gets no chance to finish anything, as when a machine or container dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
    }

    /** What the broker wrote to stderr so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL when it has not stopped within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
