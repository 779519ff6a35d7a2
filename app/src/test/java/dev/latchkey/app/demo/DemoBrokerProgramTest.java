package dev.latchkey.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo broker's command line, and when it starts from an AOT cache. */
class DemoBrokerProgramTest {

    @TempDir
    Path dir;

    private final Path java = DemoBrokerProgram.locate().java();

    @Test
    void theBrokerRunsInDevelopmentModeOnAFreePortAndStopsWithItsStdin() throws Exception {
        Path jar = Files.writeString(dir.resolve(DemoBrokerProgram.JAR_NAME), "jar");
        assertThat(new DemoBrokerProgram(java, jar).command()).containsExactly(java.toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", jar.toString(), "--dev", "--port", "0", "--stop-when-stdin-closes");
    }

    @Test
    void aCacheNewerThanTheJarIsUsedAnOlderOneIsLeftOut() throws Exception {
        Path jar = Files.writeString(dir.resolve(DemoBrokerProgram.JAR_NAME), "jar");
        Path cache = Files.writeString(dir.resolve("demo-broker.aot"), "cache");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-11-30T10:00:00Z")));

        Files.setLastModifiedTime(cache, FileTime.from(Instant.now()));
        assertThat(new DemoBrokerProgram(java, jar, Optional.of(cache), false).command())
                .contains("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off");

        Files.setLastModifiedTime(cache, FileTime.from(Instant.parse("2026-11-30T09:00:00Z")));
        assertThat(new DemoBrokerProgram(java, jar, Optional.of(cache), false).command())
                .noneMatch(option -> option.startsWith("-XX:AOTCache"));

        Files.delete(cache);
        assertThat(new DemoBrokerProgram(java, jar, Optional.of(cache), false).command())
                .noneMatch(option -> option.startsWith("-XX:AOTCache"));
    }

    @Test
    void theTrainingRecordsTheCacheAndGivesTheBrokerTimeToWriteIt() throws Exception {
        Path jar = Files.writeString(dir.resolve(DemoBrokerProgram.JAR_NAME), "jar");
        Path cache = dir.resolve("demo-broker.aot");
        DemoBrokerProgram training = new DemoBrokerProgram(java, jar, Optional.of(cache), true);
        assertThat(training.command()).contains("-XX:AOTCacheOutput=" + cache).noneMatch(o -> o.startsWith("-XX:AOTCache="));
        // Classes only: the broker runs C1 only, which uses no profile (docs/performance.md).
        assertThat(training.command()).containsSubsequence("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining");
        assertThat(training.stopWithin()).isGreaterThan(new DemoBrokerProgram(java, jar).stopWithin());
    }
}
