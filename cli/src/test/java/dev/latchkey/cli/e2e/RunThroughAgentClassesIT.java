package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.cli.CliRun;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.agent.AgentServer;
import dev.latchkey.core.agent.AgentService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code latchkey run} loads through a running agent, from the class-load log of the real jar
 * (docs/performance.md): the agent holds the session and records what it serves, so the launch
 * opens no keychain, makes no leak guard, builds no HTTP client or command model and reads the
 * agent's reply without a JSON library. The CLI process has no session bus at all, so a launch that
 * reached for the keychain could not find a session and would fail.
 */
class RunThroughAgentClassesIT {

    /**
     * The classes a launch through the agent loads without a cache (1,757 when this was written, the JDK's
     * own included; 2,569 before, Jackson's 573 among them).
     */
    static final int CEILING = 1_950;
    /** Classes of such a launch that its own AOT cache lacks (lambda forms, JFR events, a proxy; about 38 when written). */
    static final int OUTSIDE_ITS_CACHE = 60;

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final List<String> NOT_ON_THE_PATH = List.of("com.fasterxml.", "okhttp3.", "kotlin.", "org.freedesktop.",
            "com.github.javakeyring.", "picocli.CommandLine$Model", "dev.latchkey.core.internal.keychain.",
            "dev.latchkey.core.internal.session.", "dev.latchkey.core.internal.guard.", "dev.latchkey.core.guard.Recordings",
            "dev.latchkey.core.internal.http.", "java.net.http.");

    @TempDir
    Path home;

    @Test
    void aLaunchThroughTheAgentLoadsNoJsonHttpKeychainOrGuardClasses() throws Exception {
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            CliRun.World world = DevLogin.signedIn(home, broker.url(), "ada");
            AgentPaths paths = new AgentPaths(home.resolve("agent").resolve(AgentPaths.SOCKET));
            Path envFile = home.resolve("three.env");
            Files.writeString(envFile, "DB=latchkey://payments/dev/db-url\nKEY=latchkey://payments/dev/stripe-api-key\n"
                    + "HOOK=latchkey://payments/dev/webhook-signing-secret\n");
            try (AgentServer agent = AgentServer.start(paths, new AgentService(world.session(broker.url()), Clock.systemUTC()),
                    line -> { })) {
                Map<String, String> env = Map.of("LATCHKEY_BROKER", broker.url().toString(),
                        "LATCHKEY_AGENT_SOCKET", agent.paths().socket().toString(),
                        "EXPECTED", DemoOrganisation.values().get("payments/dev/db-url"));
                List<String> run = List.of("run", "--env-file", envFile.toString(), "--", "sh", "-c", "[ \"$DB\" = \"$EXPECTED\" ]");

                List<String> classes = loaded(env, List.of("-Xshare:auto"), run, "plain").stream().map(l -> l.split(" ")[0])
                        .toList();

                // The guard's types main names (LeakGuard, the interface its class implements) load as the
                // verifier meets them; none of its machinery does.
                assertThat(classes).as("classes of run through the agent").contains("dev.latchkey.core.agent.AgentReplies")
                        .filteredOn(c -> NOT_ON_THE_PATH.stream().anyMatch(c::startsWith)
                                && !c.equals("dev.latchkey.core.internal.guard.GuardAccess$Door")).isEmpty();
                assertThat(classes).as("classes of run through the agent").hasSizeLessThan(CEILING);

                // The build's cache of this path (AgentRunTraining) holds nearly all of them.
                Path cache = jar().resolveSibling("latchkey-run-agent.aot");
                assertThat(cache).as("the cache of run through an agent (built by package)").isRegularFile();
                List<String> cached = loaded(env, List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off"), run, "cached");
                assertThat(cached).as("classes from its cache").anyMatch(l -> l.contains("source: shared objects file"));
                assertThat(cached).as("classes of run through the agent that its cache lacks")
                        .filteredOn(l -> !l.contains("source: shared objects file")).hasSizeLessThan(OUTSIDE_ITS_CACHE);
            }
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("latchkey.cli.jar", "target/latchkey.jar"));
        assertThat(jar).as("the CLI jar (run the integration tests after package)").isRegularFile();
        return jar;
    }

    /** The class-load log's lines ("NAME source: ...") of the jar's {@code args}, which must exit 0 and say nothing. */
    private List<String> loaded(Map<String, String> env, List<String> jvm, List<String> args, String name)
            throws IOException, InterruptedException {
        Path log = home.resolve(name + "-classes.log");
        List<String> command = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:file=" + log));
        command.addAll(jvm);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(CliRun.env(home, env));
        // No session bus: no keychain to open.
        pb.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(name).isTrue();
        assertThat(p.exitValue()).as(name + ": " + said).isZero();
        assertThat(said).as(name + ": the launch said").isEmpty();
        // "[info][class,load] NAME source: ..." per class
        return Files.readAllLines(log).stream().map(l -> l.replaceFirst("^.*?\\]\\[class,load\\]\\s+", "")).toList();
    }
}
