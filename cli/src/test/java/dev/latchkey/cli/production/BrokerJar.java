package dev.latchkey.cli.production;

import dev.latchkey.testsupport.broker.BrokerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The real broker jar the build made, run as an operator runs it: a process of its own, in a folder of the test's. */
final class BrokerJar {

    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    /** The CLI's tests start many short-lived brokers; the first tier of the JIT starts them sooner. */
    private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1");

    private BrokerJar() {
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

    /** Starts the broker with {@code args} in {@code dir}; returns once it prints the URL it listens on. */
    static BrokerProcess start(Path dir, List<String> args) throws IOException {
        return BrokerProcess.start(jar(), JVM, args, dir, Files.createTempFile(dir, "broker", ".log"), START_LIMIT);
    }

    /** Runs the jar to its end, such as {@code secrets put} or a start that must fail. */
    static Ran run(Path dir, List<String> args, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BrokerProcess.command(jar(), JVM, args)).directory(dir.toFile()).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        return Ran.of(p, START_LIMIT);
    }
}
