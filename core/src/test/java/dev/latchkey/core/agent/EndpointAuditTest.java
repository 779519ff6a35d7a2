package dev.latchkey.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.core.Session;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.launch.BrokerSecretSource;
import dev.latchkey.core.launch.EndpointRead;
import dev.latchkey.core.launch.LaunchLog;
import dev.latchkey.core.launch.ProcessFacts;
import dev.latchkey.core.launch.ReadDecision;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.testsupport.RealParts;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads through a launch's refresh endpoint are recorded in the launch log with the process that read,
 * as the kernel names it, and the launch it belongs to: a real child ({@code sh}) runs {@code curl}
 * against its endpoint many times, across a refresh; the log holds one line per version of the values
 * (not one per poll), naming curl, its shell, the launch and the reference, and never the value.
 */
class EndpointAuditTest {

    private static final SecretRef DB = SecretRef.parse("latchkey://payments/dev/db-url");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CHILD = """
            while [ ! -f "$OUT/stop" ]; do
              curl -s --max-time 2 -H "Authorization: Bearer $LATCHKEY_CREDENTIALS_TOKEN" "$LATCHKEY_CREDENTIALS_URL" \\
                > "$OUT/body" || exit 7
              cat "$OUT/body" >> "$OUT/bodies" && echo >> "$OUT/bodies"
              echo polled >> "$OUT/polls"
              sleep 0.1
            done
            """;

    @TempDir
    Path dir;

    @Test
    void eachReaderIsRecordedOncePerVersionOfTheValuesWithItsProcessAndLaunch() throws Exception {
        if (Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).noneMatch(d -> Files.isExecutable(Path.of(d, "curl")))) {
            RealParts.missing("curl is needed by the polling child (.ci/run installs it)");
        }
        LaunchLog log = new LaunchLog(dir.resolve("state/launches.jsonl"));
        List<String> problems = new CopyOnWriteArrayList<>();
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            Session session = Session.builder(broker.url()).credentialStore(new InMemoryCredentialStore())
                    .lockDirectory(dir).build();
            session.signIn(p -> DevSignIn.approve(broker.url(), p.userCode(), "ada"));
            LaunchCredentials credentials = new LaunchCredentials(new BrokerSecretSource(session.brokerClient()),
                    Map.of("DB", new EnvValue.Reference(DB)), Clock.systemUTC(), problems::add);
            Resolution first = credentials.resolve(Set.of(DB), Map.of());
            String value = ((Resolution.Granted) first).secrets().get(DB).value();
            AtomicReference<Process> child = new AtomicReference<>();
            try (LaunchEndpoint endpoint = LaunchEndpoint.open(credentials, () -> child.get() == null ? OptionalLong.empty()
                    : OptionalLong.of(child.get().pid()), problems::add,
                    new EndpointAudit(log, "payments-worker", Clock.systemUTC(), problems::add))) {
                ProcessBuilder pb = new ProcessBuilder("sh", "-c", CHILD).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("child.out").toFile());
                pb.environment().putAll(endpoint.childVariables());
                pb.environment().put("OUT", dir.toString());
                child.set(pb.start());
                await().atMost(WAIT).until(() -> polls() >= 5 || !child.get().isAlive());
                assertThat(Files.readString(dir.resolve("body"))).as("the child read its value").contains(value);

                credentials.refreshNow();
                int before = polls();
                await().atMost(WAIT).until(() -> polls() >= before + 5 && log.endpointReads().size() >= 2);

                Files.writeString(dir.resolve("stop"), "");
                assertThat(child.get().waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            credentials.close();
            List<EndpointRead> reads = log.endpointReads();
            assertThat(reads).as("one line per version of the values, not per poll (%d polls)", polls()).hasSize(2);
            long shell = child.get().pid();
            for (EndpointRead r : reads) {
                assertThat(r.launchPid()).isEqualTo(shell);
                assertThat(r.profile()).isEqualTo("payments-worker");
                assertThat(r.refs()).containsExactly(DB.toString());
                assertThat(r.sandboxes()).isEmpty();
                assertThat(r.decision()).isEqualTo(ReadDecision.AUTO);
                ProcessFacts reader = r.reader().orElseThrow();
                assertThat(reader.executable()).endsWith("/curl");
                assertThat(reader.pid()).isNotEqualTo(shell);
                assertThat(reader.parents().getFirst()).startsWith(shell + " ");
                assertThat(reader.workingFolder()).isEqualTo(Path.of("").toAbsolutePath().toRealPath().toString());
            }
            String logged = Files.readString(log.file());
            assertThat(logged).contains("\"kind\":\"endpoint-read\"").doesNotContain(value);
            List<String> served = servedValues();
            assertThat(served).as("values the child was served").isNotEmpty();
            for (String v : served) {
                assertThat(logged).as("the log holds no served value").doesNotContain(v);
            }
            assertThat(log.agentReads()).isEmpty();
            assertThat(log.read()).as("older readers of launches skip these lines").isEmpty();
            assertThat(problems).isEmpty();
        }
    }

    /** Every value of every answer the child got, from the bodies it kept. */
    private List<String> servedValues() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> values = new ArrayList<>();
        for (String body : Files.readAllLines(dir.resolve("bodies"))) {
            if (!body.isBlank()) {
                json.readTree(body).path("variables").forEach(v -> values.add(v.path("value").asText()));
            }
        }
        return values.stream().filter(v -> !v.isEmpty()).distinct().toList();
    }

    private int polls() throws Exception {
        Path polls = dir.resolve("polls");
        return Files.exists(polls) ? Files.readAllLines(polls).size() : 0;
    }
}
