package dev.latchkey.cli.production;

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

/** The real broker jar, run as an operator runs it: a process of its own, its URL read from what it prints. */
final class BrokerJar implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    private final Process process;
    private final URI url;
    private final Path log;

    private BrokerJar(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** The jar the build made (failsafe names it); its lib/ folder beside it. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("latchkey.broker.jar", "../broker/target/latchkey-broker.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the broker jar " + jar + " is missing; build it first (mvn -B verify builds it "
                    + "before the CLI's integration tests)");
        }
        return jar;
    }

    /** Starts the broker with {@code args}; returns once it prints the URL it listens on. */
    static BrokerJar start(Path dir, List<String> args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "broker", ".log");
        Process p = new ProcessBuilder(command(args)).directory(dir.toFile()).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (line == null || !line.startsWith("Latchkey broker listening on ")) {
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the broker did not start: " + line + "\n" + Files.readString(log));
            }
            return new BrokerJar(p, URI.create(line.substring("Latchkey broker listening on ".length()).strip()), log);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new AssertionError("the broker printed no URL within " + START_LIMIT.toSeconds() + " s\n"
                    + Files.readString(log), e);
        }
    }

    /** Runs the jar to its end, such as {@code secrets put} or a start that must fail. */
    static Ran run(Path dir, List<String> args, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(args)).directory(dir.toFile()).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        return Ran.of(p, START_LIMIT);
    }

    private static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar().toAbsolutePath().toString()));
        cmd.addAll(args);
        return cmd;
    }

    URI url() {
        return url;
    }

    /** What it wrote to stderr so far: its log. */
    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
