package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.cli.CliProcess;
import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.LatchkeyCommand;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end to end: real git, the CLI as its own process, a dev broker, the real keychain.
 * Ada signs in, resolves the dev database URL with {@code latchkey run}, pastes it base64-encoded
 * into a file: {@code git commit} is stopped naming the reference, the commit with the reference
 * instead passes, and the broker counts one exposure prevented. No value reaches the fingerprint
 * file, the hook's output, Latchkey's logs or the broker's report.
 */
class GuardAgainstDevBrokerTest {

    static final String REF = "latchkey://payments/dev/db-url";
    static final String VALUE = DemoOrganisation.values().get("payments/dev/db-url");
    static final String ENCODED = Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8));
    private static final Pattern CODE = Pattern.compile("enter the code (\\S+)");

    static RunningBroker broker;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        broker = LatchkeyBroker.start(BrokerConfig.dev());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    record Ran(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Ran latchkey(Path dir, String... args) throws Exception {
        ProcessBuilder pb = CliProcess.builder(home, Map.of("LATCHKEY_BROKER", broker.url().toString()), List.of(args));
        pb.directory(dir.toFile());
        return finish(pb.start());
    }

    private Ran git(Path dir, String... args) throws Exception {
        return git(Map.of(), dir, args);
    }

    /** git with {@code extra} in its environment (and so in its hooks'). */
    private Ran git(Map<String, String> extra, Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        Map<String, String> env = new HashMap<>(Map.of("LATCHKEY_BROKER", broker.url().toString(),
                "GIT_AUTHOR_NAME", "Ada", "GIT_AUTHOR_EMAIL", "ada@example.com", "GIT_COMMITTER_NAME", "Ada",
                "GIT_COMMITTER_EMAIL", "ada@example.com"));
        env.putAll(extra);
        pb.environment().putAll(CliRun.env(home, env));
        return finish(pb.start());
    }

    /** What {@code p} printed and its exit code, once it ended (within 120 s). */
    static Ran finish(Process p) throws Exception {
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        drain.join();
        return new Ran(p.exitValue(), new String(out, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the process ended
        }
    }

    /** {@code latchkey login} as a process; ada confirms on the dev IdP's form. */
    private void signIn() throws Exception {
        Process p = CliProcess.builder(home, Map.of(), List.of("login", "--broker", broker.url().toString(),
                "--no-browser")).start();
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        await().atMost(Duration.ofSeconds(60)).until(() -> CODE.matcher(err.toString(StandardCharsets.UTF_8)).find());
        Matcher m = CODE.matcher(err.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        DevSignIn.approve(broker.url(), m.group(1), "ada");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        drain.join();
        assertThat(p.exitValue()).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    /** The hooks start the CLI through this script: the same JVM and class path as the tests. */
    private Path launcher() throws IOException {
        List<String> cmd = CliProcess.builder(home, Map.of(), List.of()).command();
        StringBuilder script = new StringBuilder("#!/bin/sh\nexec");
        for (String part : cmd) {
            script.append(" '").append(part.replace("'", "'\\''")).append('\'');
        }
        script.append(" \"$@\"\n");
        Path file = home.resolve("bin").resolve("latchkey");
        Files.createDirectories(file.getParent());
        Files.writeString(file, script.toString());
        file.toFile().setExecutable(true);
        return file;
    }

    private static void requireKeychain() {
        if (!(KeychainProbe.open().mode() instanceof StorageMode.Keychain)) {
            String why = "no keychain: the guard's fingerprint key needs one (run inside dbus-run-session with .ci/with-keyring)";
            if (Boolean.parseBoolean(System.getenv("LATCHKEY_REQUIRE_REAL_PARTS"))) {
                throw new AssertionError(why);
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        }
    }

    /**
     * With {@code latchkey agent} running, the hook hands it the staged diff: the hook's own process
     * here has no keychain (its session bus is gone), so only the agent, holding the key, can find
     * the value. With the agent stopped, the same hook scans by itself and says fingerprints are off.
     */
    @Test
    void withAnAgentTheHookAsksItAndWithoutOneScansByItself() throws Exception {
        requireKeychain();
        signIn();
        Path repo = home.resolve("agent-service");
        Files.createDirectories(repo);
        assertThat(git(repo, "init", "-q").code()).isZero();
        assertThat(latchkey(repo, "guard", "install", "--command", launcher().toString()).code()).isZero();
        Ran run = latchkey(repo, "run", "--no-mask", "--env", "DB_URL=" + REF, "--", "true");
        assertThat(run.code()).as(run.all()).isZero();
        Files.writeString(repo.resolve("app.yaml"), "database:\n  url_b64: " + ENCODED + "\n");
        assertThat(git(repo, "add", "app.yaml").code()).isZero();
        Map<String, String> noKeychain = Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + home.resolve("no-bus"));

        long preventedBefore = prevented();
        Ran stopped;
        String agentSaid;
        try (RunningAgent agent = RunningAgent.start(home, Map.of("LATCHKEY_BROKER", broker.url().toString()))) {
            stopped = git(noKeychain, repo, "commit", "-q", "-m", "config");
            agentSaid = agent.output();
        }
        assertThat(stopped.code()).as(stopped.all()).isNotZero();
        assertThat(stopped.all()).contains("app.yaml:2").contains(REF).contains("base64");
        assertThat(git(repo, "rev-parse", "--verify", "-q", "HEAD").code()).as("nothing committed").isNotZero();
        assertThat(prevented()).as("reported to the broker as without an agent").isEqualTo(preventedBefore + 1);

        Ran alone = git(noKeychain, repo, "commit", "-q", "-m", "config");
        assertThat(alone.all()).contains("fingerprints are off");
        assertThat(alone.code()).as("pattern rules alone do not know this value").isZero();
        for (String text : List.of(stopped.all(), alone.all(), agentSaid, latchkeyFiles())) {
            assertThat(text).doesNotContain(VALUE).doesNotContain(ENCODED).doesNotContain("dev-Kq83vLx2");
        }
    }

    @Test
    void aPastedBase64ValueStopsTheCommitNamingTheReferenceAndTheReferencePasses() throws Exception {
        requireKeychain();
        assertThat(LatchkeyCommand.class).isNotNull();
        signIn();
        Path repo = home.resolve("service");
        Files.createDirectories(repo);
        assertThat(git(repo, "init", "-q").code()).isZero();
        Ran installed = latchkey(repo, "guard", "install", "--command", launcher().toString());
        assertThat(installed.code()).as(installed.all()).isZero();

        // Ada resolves the value and pastes it, base64-encoded, into a config file.
        Ran run = latchkey(repo, "run", "--no-mask", "--env", "DB_URL=" + REF, "--", "sh", "-c",
                "printf '%s' \"$DB_URL\" | base64 -w0 > db.b64");
        assertThat(run.code()).as(run.all()).isZero();
        Files.writeString(repo.resolve("app.yaml"), "database:\n  url_b64: " + Files.readString(repo.resolve("db.b64"))
                + "\n");
        Files.delete(repo.resolve("db.b64"));
        assertThat(git(repo, "add", "app.yaml").code()).isZero();

        long preventedBefore = prevented();
        Ran stopped = git(repo, "commit", "-q", "-m", "config");

        assertThat(stopped.code()).as(stopped.all()).isNotZero();
        assertThat(stopped.all()).contains("app.yaml:2").contains(REF).contains("base64").contains("latchkey run");
        assertThat(git(repo, "rev-parse", "--verify", "-q", "HEAD").code()).as("nothing committed").isNotZero();

        Files.writeString(repo.resolve("app.yaml"), "database:\n  url: " + REF + "\n");
        assertThat(git(repo, "add", "app.yaml").code()).isZero();
        Ran passed = git(repo, "commit", "-q", "-m", "config by reference");
        assertThat(passed.code()).as(passed.all()).isZero();

        String metrics = http("/metrics", null);
        // One more than before: the broker is shared with the other tests of this class.
        assertThat(prevented()).as(metrics).isEqualTo(preventedBefore + 1);

        // No value anywhere Latchkey writes or says.
        String audit = http("/v1/audit?limit=1000", DevSignIn.accessToken(broker.url(), "root"));
        assertThat(audit).contains("guard.prevented").contains(REF);
        for (String text : List.of(stopped.all(), passed.all(), installed.all(), metrics, audit, latchkeyFiles())) {
            assertThat(text).doesNotContain(VALUE).doesNotContain(ENCODED).doesNotContain("dev-Kq83vLx2");
        }
        Ran history = latchkey(repo, "guard", "history", "--json");
        assertThat(history.code()).as(history.all()).isZero();
    }

    /** Every file under HOME that Latchkey wrote (state and config), as text. */
    private String latchkeyFiles() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path root : List.of(home.resolve(".local"), home.resolve(".config"))) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
        }
        assertThat(home.resolve(".local/state/latchkey/guard/fingerprints.lkg")).exists();
        return all.toString();
    }

    /** The broker's count of exposures prevented in payments/dev (0 before the first). */
    private static long prevented() throws Exception {
        Matcher m = Pattern.compile("(?m)^latchkey_exposures_prevented_total\\{scope=\"payments/dev\"} (\\d+)$")
                .matcher(http("/metrics", null));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String http(String path, String token) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(broker.url() + path)).timeout(Duration.ofSeconds(10));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
