package dev.latchkey.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.launch.LaunchLog;
import dev.latchkey.core.launch.LaunchRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Latchkey writes is its user's alone: 0600 files in 0700 folders, even under the usual
 * umask of 022 (which the test process has) and over files an older Latchkey left readable.
 */
class PrivateFilesTest {

    @TempDir
    Path home;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theLaunchLogIs0600InA0700Folder() throws Exception {
        Path file = home.resolve(".local/state/latchkey/launches.jsonl");
        new LaunchLog(file).append(new LaunchRecord(Instant.EPOCH, Instant.EPOCH, "dev", List.of("sh"),
                List.of("latchkey://payments/dev/db-url"), List.of(), 42, 0, Optional.empty()));
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
        assertThat(mode(home.resolve(".local/state"))).as("a folder made on the way").isEqualTo("rwx------");
    }

    @Test
    void filesAndFoldersLeftReadableBeforeAreTightened() throws Exception {
        Path folder = Files.createDirectories(home.resolve("cfg/latchkey"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.writeString(folder.resolve("cli.properties"), "broker=http://127.0.0.1:1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateFiles.writeString(file, "broker=http://127.0.0.1:2\n");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(folder)).isEqualTo("rwx------");
        assertThat(Files.readString(file)).isEqualTo("broker=http://127.0.0.1:2\n");
    }
}
