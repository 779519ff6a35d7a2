package dev.latchkey.broker.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real broker binary ({@code java -jar latchkey-broker.jar ...}) as a child process: started,
 * asked for its URL, stopped with SIGTERM or killed with SIGKILL. Its stderr goes to a log file
 * that a failing test can show.
 */
public final class BrokerProcess implements AutoCloseable {

    /**
     * The jar {@code mvn package} builds (*IT tests run after it, in the broker's folder); a bench
     * run from elsewhere names it with {@code -Dlatchkey.brokerJar=PATH}.
     */
    public static final Path JAR = Path.of(System.getProperty("latchkey.brokerJar", "target/latchkey-broker.jar"));

    private final Process process;
    private final URI url;
    private final Path log;

    private BrokerProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /**
     * Starts the broker with {@code args} and waits (up to a minute) until it prints its URL.
     *
     * @param jvm options for its JVM, such as {@code -Xmx256m}
     * @param log where its stderr goes
     */
    public static BrokerProcess start(List<String> jvm, List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String line;
        try {
            line = first.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            p.destroyForcibly();
            throw new IOException("the broker did not start within 60 s; its log:\n" + Files.readString(log), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a broker", e);
        }
        if (line == null || !line.contains("listening on ")) {
            p.destroyForcibly();
            throw new IOException("the broker did not start (it printed " + line + "); its log:\n" + Files.readString(log));
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
        return new BrokerProcess(p, URI.create(line.substring(line.indexOf("listening on ") + 13).strip()), log);
    }

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

    /** SIGTERM, then SIGKILL when it has not stopped within 15 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
