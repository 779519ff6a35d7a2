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
import dev.latchkey.cli.SessionFromEnvMain;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import dev.latchkey.testsupport.devidp.DevSignIn;
import dev.latchkey.testsupport.trace.FileWrites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security invariant 1: the e2e launches run under {@code strace -f} ({@link FileWrites}); the
 * bytes of every write any process of theirs made to a named file are checked (so a file written
 * and deleted again is caught), every file they opened for writing, and the folders they were
 * given: $HOME, the working folder and a temporary folder of their own (TMPDIR and the JVM's
 * {@code java.io.tmpdir}).
 * No seeded value and no token may be in any of them. The agent and a launch's refresh endpoint
 * are traced the same way. The machine's shared /tmp is not scanned: other programs write there,
 * and a write of ours to it would be in the trace, whose every file is checked.
 */
class ZeroDiskTest {

    @TempDir
    Path home;

    @Test
    void noValueOrTokenReachesAnyFile() throws Exception {
        FileWrites.requireStrace();
        Instant start = Instant.now().minusSeconds(1);
        Path work = Files.createDirectories(home.resolve("project"));
        Path tmp = Files.createDirectories(home.resolve("tmp"));
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            String token = DevSignIn.accessToken(broker.url(), "ada");
            Set<String> secrets = new LinkedHashSet<>(DemoOrganisation.values().values());
            secrets.add(token);
            Map<String, String> env = Map.of("LATCHKEY_BROKER", broker.url().toString(),
                    SessionFromEnvMain.TOKEN_VARIABLE, token, "TMPDIR", tmp.toString());
            List<FileWrites> written = new ArrayList<>();
            String dev = "latchkey://payments/dev/";
            runTraced(work, env, written, 0, "run", "--env", "DB_URL=" + dev + "db-url", "--", "sh", "-c", "echo \"$DB_URL\"");
            runTraced(work, env, written, 0, "run", "--no-mask", "--env", "DB_URL=" + dev + "db-url",
                    "--env", "KEY=" + dev + "stripe-api-key", "--env", "HOOK=" + dev + "webhook-signing-secret",
                    "--", "sh", "-c", "env; echo \"$KEY\" | base64");
            runTraced(work, env, written, 3, "run", "--env", "P=latchkey://payments/prod/db-url", "--", "true");
            // A minted sandbox token is a secret too: the child prints it (unmasked) so the scan can look for it.
            String sandboxOut = runTraced(work, env, written, 0, "run", "--no-mask", "--sandbox", "T=payments-sandbox:5m",
                    "--", "sh", "-c", "echo \"token=$T\"");
            Matcher minted = Pattern.compile("token=(\\S+)").matcher(sandboxOut);
            assertThat(minted.find()).as(sandboxOut).isTrue();
            secrets.add(minted.group(1));
            // Access requests: auto-approved staging access, then a launch that reads staging values.
            runTraced(work, env, written, 0, "request", "payments/staging", "--duration", "1h", "--reason", "PAY-123 zero disk");
            runTraced(work, env, written, 0, "run", "--no-mask", "--env", "S=latchkey://payments/staging/db-url", "--", "env");
            runTraced(work, env, written, 0, "grants", "--json");
            runTraced(work, env, written, 0, "requests", "--json");
            runTraced(work, env, written, 0, "history", "--json");
            runTraced(work, env, written, 0, "secrets", "payments/dev");

            checkWritten(written, secrets, List.of());
            FileWrites.assertNoneUnder(List.of(home, work, tmp), start, secrets);
        }
    }

    /**
     * The agent (its own traced process, over the session a real login put in the keychain) and a
     * launch's refresh endpoint: what they serve reaches the child and no file of any process.
     */
    @Test
    void nothingTheAgentOrAnEndpointServesReachesAnyFile() throws Exception {
        FileWrites.requireStrace();
        CredentialStore keychain = KeychainProbe.open();
        if (keychain.mode() instanceof StorageMode.MemoryOnly m) {
            RealParts.missing("no keychain works, and the agent reads its session from it: " + m.reason());
        }
        Instant start = Instant.now().minusSeconds(1);
        Path work = Files.createDirectories(home.resolve("project"));
        Path tmp = Files.createDirectories(home.resolve("tmp"));
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            CliRun.World ada = DevLogin.signedIn(home, broker.url(), "ada", keychain);
            Set<String> secrets = new LinkedHashSet<>(DemoOrganisation.values().values());
            secrets.add(ada.session(broker.url()).accessToken());
            Map<String, String> env = Map.of("LATCHKEY_BROKER", broker.url().toString(), "TMPDIR", tmp.toString());
            List<FileWrites> written = new ArrayList<>();
            Path agentTrace = Files.createTempFile(home, "strace-agent", ".txt");
            Process agent = CliProcess.builder(home, env, FileWrites.command(agentTrace), LatchkeyCommand.class, List.of("agent"))
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("agent.out").toFile()).start();
            Path socket = AgentPaths.from(Map.of("HOME", home.toString())).socket();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(socket)
                        && Files.readString(home.resolve("agent.out")).contains("latchkey agent: serving"));
                String dev = "latchkey://payments/dev/";
                String served = runTraced(LatchkeyCommand.class, work, env, written, 0, "run", "--no-mask", "--refresh-endpoint",
                        "--env", "DB_URL=" + dev + "db-url", "--env", "KEY=" + dev + "stripe-api-key",
                        "--sandbox", "T=payments-sandbox:5m", "--", "sh", "-c",
                        "echo \"token=$T\"; curl -s -H \"Authorization: Bearer $LATCHKEY_CREDENTIALS_TOKEN\" \"$LATCHKEY_CREDENTIALS_URL\";"
                                + " echo; curl -s -H \"Authorization: Bearer $LATCHKEY_CREDENTIALS_TOKEN\" \"$LATCHKEY_CREDENTIALS_URL?format=env\"");
                assertThat(served).contains(DemoOrganisation.values().get("payments/dev/db-url"), "\"sandbox\":\"payments-sandbox\"",
                        "KEY=\"" + DemoOrganisation.values().get("payments/dev/stripe-api-key"));
                Matcher minted = Pattern.compile("token=(\\S+)").matcher(served);
                assertThat(minted.find()).as(served).isTrue();
                secrets.add(minted.group(1));
                runTraced(LatchkeyCommand.class, work, env, written, 0, "status");
                runTraced(LatchkeyCommand.class, work, env, written, 0, "scopes");
            } finally {
                // SIGTERM to the agent's JVM (strace's child); strace ends with it.
                agent.children().forEach(ProcessHandle::destroy);
                assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(Files.readString(home.resolve("agent.out"))).doesNotContain(secrets.toArray(String[]::new));
            written.add(writes(agentTrace, work));
            // The agent's own output, which the test sends to a file: checked like every file written.
            checkWritten(written, secrets, List.of(home.resolve("agent.out").toString()));
            FileWrites.assertNoneUnder(List.of(home, work, tmp), start, secrets);
        }
    }

    /**
     * Nothing written to any named file holds a secret (the bytes of every write, from the traces,
     * and every file opened for writing that is still there); only the launch log, the leak guard's
     * files, JNA's unpacked library and devices were written at all.
     */
    private static void checkWritten(List<FileWrites> traces, Set<String> secrets, List<String> alsoWritten)
            throws IOException {
        List<String> written = new ArrayList<>();
        for (FileWrites trace : traces) {
            trace.assertNoneHolds(secrets);
            written.addAll(trace.openedForWriting());
            written.addAll(trace.writtenTo());
        }
        // The trace sees real writes (the launch log), so an empty list cannot pass by accident.
        assertThat(written).anyMatch(p -> p.endsWith("launches.jsonl"));
        // Which commands and references a developer runs is theirs alone: 0600 in a 0700 folder.
        for (String path : written) {
            Path p = Path.of(path);
            if (p.toString().endsWith("launches.jsonl")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(path).isEqualTo("rw-------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p.getParent())))
                    .as(p.getParent().toString()).isEqualTo("rwx------");
            }
        }
        assertThat(written).as("files written by the CLI or its children")
                .allMatch(p -> p.endsWith("launches.jsonl") || alsoWritten.contains(p)
                    // The leak guard's keyed fingerprints of the values handed out (no value; invariant 10),
                    // written whole through a temporary file under a lock; checked above like every file.
                    || p.matches(".*/latchkey/guard/fingerprints\\.(?:lkg|lkg\\.tmp|lock)")
                    // JNA unpacks its native library for the keychain (java-keyring) where it finds no
                    // Secret Service library of its own (outside CI); like any other file it is checked above.
                    || p.matches(".*/JNA/temp/jna[0-9]+\\.tmp"));
    }

    private String runTraced(Path work, Map<String, String> env, List<FileWrites> written, int expectedExit, String... args)
            throws Exception {
        return runTraced(SessionFromEnvMain.class, work, env, written, expectedExit, args);
    }

    private String runTraced(Class<?> main, Path work, Map<String, String> env, List<FileWrites> written, int expectedExit,
                             String... args) throws Exception {
        Path trace = Files.createTempFile(home, "strace", ".txt");
        ProcessBuilder pb = CliProcess.builder(home, env, FileWrites.command(trace), main, List.of(args));
        pb.directory(work.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + output).isEqualTo(expectedExit);
        written.add(writes(trace, work));
        return output;
    }

    /** What the trace shows written (read whole before the trace is deleted: it is in a folder the test scans). */
    private static FileWrites writes(Path trace, Path work) throws IOException {
        FileWrites writes = FileWrites.read(trace, work);
        Files.delete(trace);
        return writes;
    }
}
