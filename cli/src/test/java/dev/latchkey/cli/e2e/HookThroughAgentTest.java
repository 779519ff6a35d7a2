package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.CliProcess;
import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.e2e.GuardAgainstDevBrokerTest.Ran;
import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.agent.AgentServer;
import dev.latchkey.core.agent.AgentService;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.Received;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed pre-commit hook behaves the same with and without a running agent: the same
 * output, the same exit code, for a clean commit and for a stopped one. With an agent, a clean
 * commit starts no JVM (the hook script asks the agent with curl); a stopped one runs the command,
 * which prints, records and reports. Real git, the real keychain's fingerprint key, the agent on a
 * real Unix socket at the path the CLI and the script both derive from {@code XDG_RUNTIME_DIR}.
 */
class HookThroughAgentTest {

    private static final String REF = "latchkey://payments/dev/stripe-api-key";
    private static final String VALUE = "sk_test_51HookThroughAgentValue7q3ZxWvUtS";
    private static final String ENCODED = Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path home;

    private Map<String, String> env;
    private LeakGuard guard;
    private final List<String> logged = new ArrayList<>();

    @BeforeEach
    void recordOneValue() throws Exception {
        CredentialStore keychain = KeychainProbe.open();
        if (keychain.mode() instanceof StorageMode.MemoryOnly m) {
            RealParts.missing("no keychain for the guard's fingerprint key: " + m.reason());
        }
        env = Map.of("XDG_RUNTIME_DIR", home.resolve("rt").toString(), "XDG_STATE_HOME", home.resolve("state").toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString());
        Files.createDirectories(home.resolve("rt"));
        guard = LeakGuard.builder().folder(home.resolve("state/latchkey/guard")).credentialStore(keychain).build();
        assertThat(guard.record(List.of(new Received(REF, VALUE, Optional.empty()))).get()).isEmpty();
    }

    private AgentServer agent() throws Exception {
        Session session = Session.builder(URI.create("http://127.0.0.1:9")).credentialStore(new InMemoryCredentialStore())
                .lockDirectory(home.resolve("lock")).build();
        return AgentServer.start(AgentPaths.from(CliRun.env(home, env)),
                new AgentService(session, Clock.systemUTC(), guard, logged::add), logged::add);
    }

    @Test
    void aCleanCommitPrintsTheSameWithAndWithoutTheAgentAndStartsNoJvmThroughIt() throws Exception {
        Path repo = repo();
        Files.write(repo.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2});
        Files.writeString(repo.resolve("app.env"), "STRIPE_KEY=" + REF + "\n");
        git(repo, "add", "logo.png", "app.env");

        Ran alone = hook(repo, Map.of("LATCHKEY_AGENT", "off"));
        Ran withAgent;
        Ran commandWithAgent;
        int startsBefore;
        try (AgentServer agent = agent()) {
            assertThat(agent.paths().socket()).exists();
            startsBefore = jvmStarts();
            withAgent = hook(repo, Map.of());
            assertThat(jvmStarts()).as("the hook asked the agent; no JVM started").isEqualTo(startsBefore);
            commandWithAgent = latchkey(repo, "guard", "staged", "--hook");
        }
        Ran noAgentRunning = hook(repo, Map.of());

        assertThat(alone.code()).as(alone.toString()).isZero();
        assertThat(alone.err()).contains("logo.png");
        for (Ran r : List.of(withAgent, commandWithAgent, noAgentRunning)) {
            assertThat(r).isEqualTo(alone);
        }
        assertThat(git(repo, "commit", "-q", "-m", "clean")).as("git runs the hook and commits").isZero();
    }

    @Test
    void aStoppedCommitPrintsTheSameFindingsAndExitCodeWithAndWithoutTheAgent() throws Exception {
        Path repo = repo();
        Files.writeString(repo.resolve("app.yaml"), "stripe:\n  key_b64: " + ENCODED + "\n");
        Files.writeString(repo.resolve("aws.env"), "AWS_ACCESS_KEY_ID=AKIAQYLPMN5HHHFPZAM2\n");
        git(repo, "add", "app.yaml", "aws.env");

        Ran alone = hook(repo, Map.of("LATCHKEY_AGENT", "off"));
        Ran withAgent;
        int startsBefore;
        try (AgentServer agent = agent()) {
            assertThat(agent.paths().socket()).exists();
            startsBefore = jvmStarts();
            withAgent = hook(repo, Map.of());
        }
        assertThat(jvmStarts()).as("a stopped commit runs the command, which records and reports").isEqualTo(startsBefore + 1);

        assertThat(alone.code()).as(alone.toString()).isEqualTo(1);
        assertThat(alone.out()).contains("app.yaml:2", REF, "base64", "aws.env:1");
        assertThat(withAgent).isEqualTo(alone);
        assertThat(git(repo, "commit", "-q", "-m", "leak")).as("git refuses the commit").isNotZero();
        assertThat(git(repo, "rev-parse", "--verify", "-q", "HEAD")).as("nothing committed").isNotZero();
        for (String text : List.of(alone.toString(), withAgent.toString(), String.join("\n", logged))) {
            assertThat(text).doesNotContain(VALUE).doesNotContain(ENCODED);
        }
    }

    /** A repository with the guard installed by the CLI; its hooks start the CLI through a script that counts its starts. */
    private Path repo() throws Exception {
        Path repo = Files.createDirectories(home.resolve("repo"));
        assertThat(git(repo, "init", "-q")).isZero();
        List<String> cmd = CliProcess.builder(home, Map.of(), List.of()).command();
        StringBuilder script = new StringBuilder("#!/bin/sh\necho started >> '" + home.resolve("jvm-starts") + "'\nexec");
        for (String part : cmd) {
            script.append(" '").append(part.replace("'", "'\\''")).append('\'');
        }
        script.append(" \"$@\"\n");
        Path launcher = Files.createDirectories(home.resolve("bin")).resolve("latchkey");
        Files.writeString(launcher, script.toString());
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        Ran installed = latchkey(repo, "guard", "install", "--command", launcher.toString());
        assertThat(installed.code()).as(installed.toString()).isZero();
        return repo.toRealPath();
    }

    private int jvmStarts() throws IOException {
        Path f = home.resolve("jvm-starts");
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }

    private Ran hook(Path repo, Map<String, String> extra) throws Exception {
        return run(List.of(repo.resolve(".git/hooks/pre-commit").toString()), repo, extra);
    }

    private Ran latchkey(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/latchkey").toString()));
        cmd.addAll(List.of(args));
        return run(cmd, dir, Map.of());
    }

    private int git(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        return run(cmd, repo, Map.of("GIT_AUTHOR_NAME", "Ada", "GIT_AUTHOR_EMAIL", "ada@example.com",
                "GIT_COMMITTER_NAME", "Ada", "GIT_COMMITTER_EMAIL", "ada@example.com")).code();
    }

    private Ran run(List<String> cmd, Path dir, Map<String, String> extra) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        Map<String, String> all = new HashMap<>(env);
        all.putAll(extra);
        pb.environment().putAll(CliRun.env(home, all));
        return GuardAgainstDevBrokerTest.finish(pb.start());
    }
}
