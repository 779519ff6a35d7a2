package dev.latchkey.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch log also keeps the agent's reads, in lines older readers skip; launches keep their
 * working folder, launcher chain and grants; the file stays bounded and every line stays JSON.
 */
class ActivityLogTest {

    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-03-04T05:06:07Z");

    static AgentRead read(Instant at, String ref) {
        return new AgentRead(at, Optional.of(new ProcessFacts(4242, "/usr/bin/curl", "/home/ada/code \"api\"",
                List.of("4100 /usr/bin/bash", "1 /sbin/init"))), List.of(ref), List.of("stripe-test"), ReadDecision.AUTO,
                List.of(new GrantUse("payments/dev", Optional.of("g_123")), new GrantUse("web/dev", Optional.empty())),
                List.of(), Optional.empty());
    }

    @Test
    void agentReadsAndLaunchesReadBackUnchangedEachInItsOwnList() {
        LaunchLog log = new LaunchLog(dir.resolve("state/launches.jsonl"));
        AgentRead read = read(T, "latchkey://payments/dev/db-url");
        AgentRead unknown = new AgentRead(T.plusSeconds(1), Optional.empty(), List.of("latchkey://a/b/c"), List.of(),
                ReadDecision.DENIED, List.of(), List.of("latchkey://a/b/c"), Optional.of("denied by the user"));
        LaunchRecord launch = new LaunchRecord(T, T.plusSeconds(3), "api", List.of("./server"),
                List.of("latchkey://payments/dev/db-url"), List.of(), 77, 0, Optional.empty(), "/home/ada/code",
                List.of("70 /opt/latchkey/bin/Latchkey"), List.of(new GrantUse("payments/dev", Optional.of("g_123"))));
        log.append(read);
        log.append(launch);
        log.append(unknown);

        assertThat(log.agentReads()).containsExactly(read, unknown);
        assertThat(log.read()).containsExactly(launch);
    }

    @Test
    void aLaunchLineAsEarlierVersionsWroteItStillReads() throws Exception {
        Path file = dir.resolve("launches.jsonl");
        Files.writeString(file, "{\"started\":\"2026-01-02T03:04:05Z\",\"ended\":\"2026-01-02T03:04:06Z\",\"profile\":\"api\","
                + "\"command\":[\"sh\"],\"refs\":[],\"sandboxes\":[],\"pid\":9,\"exitCode\":0}\n");
        assertThat(new LaunchLog(file).read()).singleElement()
                .satisfies(r -> assertThat(r.workingFolder()).isEmpty())
                .satisfies(r -> assertThat(r.grants()).isEmpty());
        assertThat(new LaunchLog(file).agentReads()).isEmpty();
    }

    @Test
    void anEarlierReaderSkipsAgentReadsBecauseTheyHaveNoStartedField() throws Exception {
        LaunchLog log = new LaunchLog(dir.resolve("launches.jsonl"));
        log.append(read(T, "latchkey://payments/dev/db-url"));
        var line = new ObjectMapper().readTree(Files.readString(log.file()));
        assertThat(line.has("started")).as("an earlier reader needs started, and skips the line without it").isFalse();
        assertThat(line.get("kind").asText()).isEqualTo("agent-read");
    }

    @Test
    void theLogStaysBoundedKeepingTheNewestWholeLines() throws Exception {
        long max = 8_000;
        LaunchLog log = new LaunchLog(dir.resolve("launches.jsonl"), max);
        for (int i = 0; i < 200; i++) {
            log.append(read(T.plusSeconds(i), "latchkey://payments/dev/secret-" + i));
        }
        assertThat(Files.size(log.file())).isLessThanOrEqualTo(max);
        List<AgentRead> kept = log.agentReads();
        assertThat(kept).isNotEmpty().last().satisfies(r -> assertThat(r.refs()).containsExactly("latchkey://payments/dev/secret-199"));
        assertThat(kept.getFirst().refs().getFirst()).isNotEqualTo("latchkey://payments/dev/secret-0");
        List<String> lines = Files.readAllLines(log.file(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(kept.size()); // no half line was left at the start
    }
}
