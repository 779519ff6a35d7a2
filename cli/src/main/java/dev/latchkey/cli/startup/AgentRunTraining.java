package dev.latchkey.cli.startup;

import dev.latchkey.cli.LatchkeyCommand;
import dev.latchkey.cli.agent.AgentLink;
import dev.latchkey.cli.common.CliContext;
import dev.latchkey.core.Session;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The workload of the CLI's second AOT cache, {@code latchkey-run-agent.aot}: {@code latchkey run}
 * through a running agent, alone in its JVM. The full cache holds about 4,000 classes, and the JVM
 * loads every class of its cache as it starts, which alone takes twice a bare JVM's start; a launch
 * through the agent needs a fraction of them (no broker client, keychain, JSON library or command
 * model). {@code ./latchkey} starts {@code run} from this cache when an agent's socket is there.
 *
 * <p>{@link AotTraining} starts it as a process of its own with {@code -XX:AOTCacheOutput} while
 * the agent it serves in its JVM answers on {@code SOCKET}, so this JVM loads only the client's
 * classes. Its sessions and the leak guard's key are in memory, as in the main training: a launch
 * that had to work alone would never reach the developer's keychain.
 *
 * <pre>java -XX:AOTCacheOutput=latchkey-run-agent.aot -cp latchkey.jar dev.latchkey.cli.startup.AgentRunTraining
 *     SOCKET WORK ENV_FILE CHILD</pre>
 */
public final class AgentRunTraining {

    private static final int ROUNDS = 3;
    /** How long the process may take, cache written included. */
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** Space-separated JVM options the launcher passes, for the recording JVM too. */
    static final String JVM_OPTIONS = "latchkey.aot.jvmOptions";

    private AgentRunTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: AgentRunTraining SOCKET WORK ENV_FILE CHILD");
            System.exit(2);
        }
        // What the java launcher and main do before a launch: the launcher looks main up by reflection,
        // which loads the types its class's public methods name (picocli's CommandLine among them); main
        // builds the system's world (its classes, not its keychain: nothing here reads a session).
        try {
            LatchkeyCommand.class.getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        LatchkeyCommand.reportUncaughtFailures(args);
        LatchkeyCommand.systemContext();
        Path work = Path.of(args[1]);
        Map<URI, Session> open = new ConcurrentHashMap<>();
        Function<URI, Session> sessions = url -> open.computeIfAbsent(url, u -> Session.builder(u)
                .credentialStore(new InMemoryCredentialStore()).lockDirectory(work.resolve("runtime")).oneCommand().build());
        CliContext plain = AotTraining.context(work, work, sessions, new TrainingKeychain());
        Map<String, String> env = new HashMap<>(plain.env());
        env.put("LATCHKEY_AGENT_SOCKET", args[0]);
        StringWriter told = new StringWriter();
        // As main does for a launch: the agent asked for on a thread of its own (its classes and lambda in the cache).
        AgentLink link = new AgentLink(env, new PrintStream(OutputStream.nullOutputStream())).probeAhead();
        CliContext context = plain.withAgent(link).withTokens(link.tokensOr(sessions));
        for (int i = 0; i < ROUNDS; i++) {
            for (List<String> run : List.of(List.of("run", "--env-file", args[2], "--", args[3]),
                    List.of("run", "--env", "ONE=latchkey://perf/bulk/secret-00001", "--", args[3]))) {
                int code = LatchkeyCommand.execute(context, new PrintWriter(OutputStream.nullOutputStream()),
                        new PrintWriter(told, true), run.toArray(String[]::new));
                if (code != 0 || !told.toString().isEmpty()) {
                    System.err.println("latchkey AOT training: latchkey " + String.join(" ", run) + " through the agent exited "
                            + code + ": " + told.toString().strip());
                    System.exit(1);
                }
            }
        }
        System.exit(0);
    }

    /**
     * Runs this training as its own JVM, writing {@code cache}, while an agent answers on
     * {@code socket}; says on stderr why when it could not.
     */
    static void record(Path cache, Path socket, Path work, Path envFile, Path child) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // Classes only, no method profiles, as for the other caches (cli/pom.xml).
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:AOTCacheOutput=" + cache, "-XX:TieredStopAtLevel=1",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining", "-Xlog:aot=error,cds=error"));
        // The launcher's own JVM options where they are more than C1 (the installed CLI's: packaging/build.sh).
        for (String option : System.getProperty(JVM_OPTIONS, "").split(" ")) {
            if (!option.isBlank()) {
                cmd.add(option);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), AgentRunTraining.class.getName(),
                socket.toString(), work.toString(), envFile.toString(), child.toString()));
        // A cache of an older build, or of a training that failed, must not stay behind as if it were this one.
        Files.deleteIfExists(cache);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("agent-run.log").toFile());
        // Its own world: no session bus, so nothing in it could reach the developer's keychain.
        pb.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        pb.environment().remove("LATCHKEY_AGENT");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            Files.deleteIfExists(cache);
            throw new IOException("the training of " + cache.getFileName() + " took longer than " + TIMEOUT.toMinutes() + " min");
        }
        if (p.exitValue() != 0) {
            Files.deleteIfExists(cache);
            throw new IOException("the training of " + cache.getFileName() + " exited " + p.exitValue() + " (see "
                    + work.resolve("agent-run.log") + ")");
        }
    }
}
