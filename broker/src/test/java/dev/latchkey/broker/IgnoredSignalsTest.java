package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading which signals a process ignores from a /proc status file. */
class IgnoredSignalsTest {

    @TempDir
    Path dir;

    @Test
    void bitNMinusOneOfSigIgnIsSignalN() throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nSigBlk:\t0000000000000000\nSigIgn:\t0000000000000006\nSigCgt:\t0\n");
        assertThat(IgnoredSignals.ignored(status, 1)).isFalse();
        assertThat(IgnoredSignals.ignored(status, 2)).isTrue(); // SIGINT, as in a script's background job
        assertThat(IgnoredSignals.ignored(status, 3)).isTrue(); // SIGQUIT
        Files.writeString(status, "SigIgn:\t0000000000000001\n");
        assertThat(IgnoredSignals.ignored(status, IgnoredSignals.SIGHUP)).isTrue(); // under nohup
    }

    @Test
    void withoutAStatusFileNothingIsReportedIgnored() {
        assertThat(IgnoredSignals.ignored(dir.resolve("missing"), 1)).isFalse();
    }
}
