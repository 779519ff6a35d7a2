package dev.latchkey.cli.startup;

import dev.latchkey.cli.LatchkeyCommand;
import dev.latchkey.cli.agent.AgentLink;
import dev.latchkey.cli.common.CliContext;
import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.agent.AgentServer;
import dev.latchkey.core.agent.AgentService;
import dev.latchkey.core.config.LatchkeyDirectories;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.Received;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.keychain.Keychains;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The workload the build records the CLI's AOT cache from (JDK 25, JEPs 483/514/515): the
 * daily commands, each through a fresh command line as a process would run it, in one JVM
 * started with {@code -XX:AOTCacheOutput}. The cache then holds the classes those commands load,
 * already parsed and linked, and their method profiles, so {@code ./latchkey} starts from it.
 *
 * <p>It needs no keychain, no display and no network: the broker is a development broker it
 * starts from the broker jar on a loopback port, the session and the leak guard's fingerprint key
 * live in in-memory stores (the developer's keychain is never opened), the config and state
 * folders are under {@code WORK}. So no real secret or token can reach the
 * cache: the values are the dev broker's generated ones and the tokens its dev IdP's, alive only
 * in these two processes (the CLI's tests grep a cache for the values of a traced run).
 *
 * <pre>java -XX:AOTCacheOutput=latchkey.aot [-Dlatchkey.aot.runAgent=latchkey-run-agent.aot] -cp latchkey.jar
 *     dev.latchkey.cli.startup.AotTraining BROKER_JAR WORK</pre>
 *
 * <p>With {@code latchkey.aot.runAgent}, it also records the cache of {@code run} through an agent
 * ({@link AgentRunTraining}) from a JVM of its own, while its in-process agent serves.
 *
 * <p>Exits 0 even when a step fails (the cache then holds what ran so far, which is still
 * correct, only less complete), saying on stderr which step and why.
 */
public final class AotTraining {

    private static final Pattern CODE = Pattern.compile("enter the code (\\S+)");
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final int ROUNDS = 3;
    /** The system property naming where {@link AgentRunTraining} writes the cache of {@code run} through an agent. */
    static final String RUN_AGENT_CACHE = "latchkey.aot.runAgent";

    private final Path work;
    private final Function<URI, Session> sessions;
    private final TrainingKeychain guardKeychain = new TrainingKeychain();
    private CliContext context;

    private AotTraining(Path work) {
        this.work = work;
        Map<URI, Session> open = new ConcurrentHashMap<>();
        this.sessions = url -> open.computeIfAbsent(url, u -> Session.builder(u)
                .credentialStore(new InMemoryCredentialStore()).lockDirectory(work.resolve("runtime")).oneCommand().build());
        this.context = context(work);
    }

    /** The context of a command started in {@code cwd}, with the training's folders and session. */
    private CliContext context(Path cwd) {
        return context(work, cwd, sessions, guardKeychain);
    }

    /**
     * A training command's world: its folders under {@code work}, its sessions and the leak guard's
     * key in memory, no agent.
     */
    static CliContext context(Path work, Path cwd, Function<URI, Session> sessions, TrainingKeychain guardKeychain) {
        Map<String, String> env = Map.of("HOME", work.resolve("home").toString(),
                "XDG_CONFIG_HOME", work.resolve("config").toString(), "XDG_STATE_HOME", work.resolve("state").toString(),
                "XDG_CACHE_HOME", work.resolve("cache").toString(), "XDG_DATA_HOME", work.resolve("data").toString(),
                "XDG_RUNTIME_DIR", work.resolve("runtime").toString(), "PATH", System.getenv().getOrDefault("PATH", ""));
        Path guardFolder = LatchkeyDirectories.state(env, work.resolve("home")).resolve("guard");
        return new CliContext(env, cwd, Clock.systemUTC(), InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream(), false, sessions, url -> sessions.apply(url).bearerToken(),
                CliContext.noAgent(), () -> LeakGuard.builder().folder(guardFolder).credentialStore(guardKeychain).build());
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: AotTraining BROKER_JAR WORK");
            System.exit(2);
        }
        Path brokerJar = Path.of(args[0]);
        try {
            Path work = Files.createDirectories(Path.of(args[1]));
            new AotTraining(work).train(brokerJar);
        } catch (Exception e) {
            System.err.println("latchkey AOT training: stopped early (" + e.getMessage()
                    + "); the cache holds the commands that ran before");
        }
        System.exit(0);
    }

    private void train(Path brokerJar) throws Exception {
        // What main does before every command, so the cache holds it too (its classes and lambdas
        // were loaded and generated on each launch): the failure report, and the process's real
        // context, built only (nothing in it reads the keychain or looks for an agent until asked).
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        LatchkeyCommand.reportUncaughtFailures(new String[0]);
        Thread.setDefaultUncaughtExceptionHandler(before);
        LatchkeyCommand.systemContext();
        // And what main adds for a launch, which the training's own world (no agent, a Map.of
        // environment) never ran, so each `latchkey run` spun or loaded it: the agent asked for ahead
        // (AgentLink.probeAhead's method reference; with the agent off, nothing is asked), and the
        // process's real environment copied (LaunchSettings; the JDK's entry classes of getenv()).
        new AgentLink(Map.of("LATCHKEY_AGENT", "off"), System.err).probeAhead().apply(URI.create("http://127.0.0.1:9"));
        Map.copyOf(System.getenv());
        command(0, "--version");
        command(0, "--help");
        // The session is read from the keychain on every signed-in command, but the training keeps
        // it in memory (never in the developer's keychain): the keychain path's code is bound here.
        Keychains.prepareCalls();
        Path child = childProgram();
        for (int i = 0; i < ROUNDS; i++) {
            command(0, "run", "--", child.toString());
        }
        if (!Files.isRegularFile(brokerJar)) {
            System.err.println("latchkey AOT training: no broker jar at " + brokerJar
                    + "; trained without broker calls (build the broker module first for a fuller cache)");
            guardHook();
            return;
        }
        try (TrainingBroker broker = TrainingBroker.start(brokerJar)) {
            URI url = broker.url();
            command(2, "status", "--broker", url.toString());
            signIn(broker);
            Path envFile = work.resolve("bulk.env");
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                lines.add(String.format("BULK_%02d=latchkey://perf/bulk/secret-%05d", i, i));
            }
            Files.write(envFile, lines);
            for (int i = 0; i < ROUNDS; i++) {
                command(0, "status");
                command(0, "run", "--env-file", envFile.toString(), "--", child.toString());
                command(0, "run", "--env", "ONE=latchkey://perf/bulk/secret-00001", "--", child.toString());
            }
            command(0, "status", "--json");
            command(0, "scopes");
            // After the runs above recorded their values: the hook then checks fingerprints too.
            guardHook();
            throughAnAgent(url, envFile, child);
            command(0, "logout");
        }
    }

    /**
     * The pre-commit hook ({@code guard staged --hook}) on a repository with a staged file, so a
     * commit's JVM starts warm too. Skipped, with a line on stderr, where git does not run.
     */
    private void guardHook() {
        try {
            Path repo = TrainingRepository.create(work.resolve("guard-repo"), STEP_TIMEOUT);
            // The hook reads the fingerprint key through libsecret; binding its calls here (the
            // keychain itself is not called) puts the foreign-function machinery in the cache.
            LeakGuard.prepareKeyRead();
            // A value received (into the training's in-memory key), so the hook's known-value pass runs
            // and its classes are cached even when no broker run recorded one.
            context.guard().get().record(List.of(new Received("latchkey://training/aot/value",
                    "aot-training-" + UUID.randomUUID(), Optional.empty()))).get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            CliContext inRepo = context(repo);
            for (int i = 0; i < ROUNDS; i++) {
                command(inRepo, 0, "guard", "staged", "--hook");
            }
            AgentHookTraining.run(work.resolve("guard-agent"), sessions.apply(URI.create("http://127.0.0.1:9")),
                    context.guard().get(), context.env(), repo, ROUNDS);
        } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
            System.err.println("latchkey AOT training: the guard's hook was left out (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The commands a person runs while {@code latchkey agent} serves: an agent in this JVM over the
     * training's session, and the CLI's client half finding it on its socket.
     */
    private void throughAnAgent(URI url, Path envFile, Path child) throws Exception {
        AgentPaths paths = new AgentPaths(work.resolve("agent").resolve(AgentPaths.SOCKET));
        CliContext plain = context;
        try (AgentServer server = AgentServer.start(paths, new AgentService(plain.sessions().apply(url), plain.clock()),
                line -> { })) {
            Map<String, String> env = new HashMap<>(plain.env());
            env.put("LATCHKEY_AGENT_SOCKET", server.paths().socket().toString());
            AgentLink link = new AgentLink(env, new PrintStream(OutputStream.nullOutputStream()));
            context = plain.withAgent(link).withTokens(u -> link.apply(u)
                    .map(a -> link.tokens(u, a, plain.tokens().apply(u))).orElseGet(() -> plain.tokens().apply(u)));
            for (int i = 0; i < ROUNDS; i++) {
                command(0, "status");
                command(0, "run", "--env-file", envFile.toString(), "--", child.toString());
            }
            String runAgentCache = System.getProperty(RUN_AGENT_CACHE);
            if (runAgentCache != null) {
                try {
                    // In the training's folders: the broker the login remembered is its broker too.
                    AgentRunTraining.record(Path.of(runAgentCache), server.paths().socket(), work, envFile, child);
                } catch (IOException e) {
                    System.err.println("latchkey AOT training: " + Path.of(runAgentCache).getFileName() + " was left out ("
                            + e.getMessage() + ")");
                }
            }
        } finally {
            context = plain;
        }
    }

    /** Runs one command as {@code latchkey ARGS} would, failing the training when it exits otherwise than {@code expected}. */
    private String command(int expected, String... args) {
        return command(context, expected, args);
    }

    private String command(CliContext in, int expected, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // As main runs it: the daily launch without a command model, so the cache holds that path.
        int code = LatchkeyCommand.execute(in, new PrintWriter(out, true), new PrintWriter(err, true), args);
        if (code != expected) {
            throw new IllegalStateException("latchkey " + String.join(" ", args) + " exited " + code + ": " + err.toString().strip());
        }
        return out.toString();
    }

    /** The command line {@code latchkey ARGS} would build: the one command they name, as {@code main} does. */
    private CommandLine commandLine(CliContext in, String[] args, StringWriter out, Writer err) {
        CommandLine cmd = LatchkeyCommand.commandLine(in, args);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd;
    }

    /** {@code latchkey login}, the demo user confirming the code on the dev IdP's form as a person would. */
    private void signIn(TrainingBroker broker) throws Exception {
        StringWriter err = new StringWriter(); // a StringBuffer inside: read here while login writes
        String[] args = {"login", "--broker", broker.url().toString(), "--no-browser"};
        CompletableFuture<Integer> login = CompletableFuture.supplyAsync(
                () -> commandLine(context, args, new StringWriter(), err).execute(args));
        long until = System.nanoTime() + STEP_TIMEOUT.toNanos();
        Matcher code;
        while (!(code = CODE.matcher(err.toString())).find()) {
            if (login.isDone() || System.nanoTime() > until) {
                throw new IllegalStateException("latchkey login showed no code: " + err.toString().strip());
            }
            Thread.sleep(20);
        }
        broker.approve(code.group(1));
        int exit = login.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (exit != 0) {
            throw new IllegalStateException("latchkey login exited " + exit + ": " + err.toString().strip());
        }
    }

    /** {@code true}: the cheapest child, so the training records Latchkey's work, not the child's. */
    private static Path childProgram() {
        for (String candidate : List.of("/usr/bin/true", "/bin/true")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("no true program here to launch");
    }
}
