package dev.latchkey.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.Session;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.launch.AgentRead;
import dev.latchkey.core.launch.GrantUse;
import dev.latchkey.core.launch.LaunchLog;
import dev.latchkey.core.launch.ReadDecision;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every read through the agent is recorded with the process that asked, as the kernel names it:
 * a real child ({@code curl}) asks from its own working folder, and its pid, program and folder are
 * in the log; what was served is recorded by reference and grant, never by value.
 */
class AgentAuditTest {

    @TempDir
    Path dir;

    @Test
    void aReadFromAChildProcessIsRecordedWithThatProcess() throws Exception {
        Session nobody = Session.builder(URI.create("http://127.0.0.1:9")).credentialStore(new InMemoryCredentialStore())
                .lockDirectory(dir).build();
        LaunchLog log = new LaunchLog(dir.resolve("state/launches.jsonl"));
        AgentService service = new AgentService(nobody, Clock.systemUTC(), null, line -> { },
                new AgentAudit(log, Clock.systemUTC(), line -> { }));
        AgentPaths paths = new AgentPaths(dir.resolve("run").resolve(AgentPaths.SOCKET));
        Path work = Files.createDirectories(dir.resolve("code")).toRealPath();
        try (AgentServer server = AgentServer.start(paths, service, line -> { })) {
            Process curl;
            try {
                curl = new ProcessBuilder("curl", "-s", "--max-time", "10", "--unix-socket", server.paths().socket().toString(),
                        "-H", "Content-Type: application/json", "--data",
                        "{\"broker\":\"http://127.0.0.1:9\",\"refs\":[\"latchkey://payments/dev/db-url\"]}",
                        "http://agent/v1/resolve").directory(work.toFile()).start();
            } catch (IOException e) {
                RealParts.missing("curl is needed to ask the agent from a real child process: " + e.getMessage());
                throw e;
            }
            String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(answer).contains("not_signed_in");

            AgentRead read = log.agentReads().getFirst();
            assertThat(read.process()).hasValueSatisfying(p -> {
                assertThat(p.pid()).isEqualTo(curl.pid());
                assertThat(Path.of(p.executable()).getFileName().toString()).isEqualTo("curl");
                assertThat(p.workingFolder()).isEqualTo(work.toString());
                assertThat(p.parents().getFirst()).startsWith(ProcessHandle.current().pid() + " ");
            });
            assertThat(read.refs()).containsExactly("latchkey://payments/dev/db-url");
            assertThat(read.decision()).isEqualTo(ReadDecision.AUTO);
            assertThat(read.note()).hasValue("not_signed_in");
        }
    }

    @Test
    void aServedReadKeepsItsGrantsAndNeverTheValue() throws Exception {
        LaunchLog log = new LaunchLog(dir.resolve("launches.jsonl"));
        SecretRef ref = SecretRef.parse("latchkey://payments/dev/db-url");
        String value = "postgres://ada:VALUE-never-on-disk-81@db/payments";
        Resolution granted = new Resolution.Granted(Map.of(ref, new ResolvedSecret(ref, value,
                Optional.of(Instant.parse("2026-01-01T10:00:00Z")), Optional.of("g_42"))), Map.of());
        new AgentAudit(log, Clock.systemUTC(), line -> { }).served(Optional.empty(), List.of(ref), List.of(),
                ReadDecision.ALLOWED, granted);

        assertThat(log.agentReads()).singleElement().satisfies(r -> {
            assertThat(r.grants()).containsExactly(new GrantUse("payments/dev", Optional.of("g_42")));
            assertThat(r.decision()).isEqualTo(ReadDecision.ALLOWED);
        });
        assertThat(Files.readString(log.file())).doesNotContain(value).doesNotContain("VALUE-never-on-disk");
    }
}
