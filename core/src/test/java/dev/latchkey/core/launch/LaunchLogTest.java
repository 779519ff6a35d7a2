package dev.latchkey.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launch log is written without a JSON library; what it writes must read back as JSON, unchanged. */
class LaunchLogTest {

    @TempDir
    Path dir;

    @Test
    void aRecordWithAwkwardTextReadsBackUnchanged() {
        LaunchLog log = new LaunchLog(dir.resolve("state/latchkey/launches.jsonl"));
        LaunchRecord awkward = new LaunchRecord(Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:06.5Z"),
                "api \"main\"", List.of("sh", "-c", "echo \"a\\b\"\n\ttab\r\u0001 é ✓"), List.of("latchkey://payments/dev/db-url"),
                List.of("stripe-test"), 4242L, -1, Optional.of("signal 15\u001f"));
        LaunchRecord plain = new LaunchRecord(Instant.parse("2026-01-02T03:05:00Z"), Instant.parse("2026-01-02T03:05:01Z"),
                "", List.of(), List.of(), List.of(), 1L, 0, Optional.empty());
        log.append(awkward);
        log.append(plain);

        assertThat(log.read()).containsExactly(awkward, plain);
    }
}
