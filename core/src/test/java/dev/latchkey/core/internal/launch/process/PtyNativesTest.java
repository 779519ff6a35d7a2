package dev.latchkey.core.internal.launch.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.internal.launch.ChildEnvironment;
import dev.latchkey.core.launch.process.ChildStarter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PTY launch unpacks pty4j's native library into the user's cache folder (0700), not a new
 * /tmp/pty4j-* folder per run that stays behind. Run in a JVM of its own (pty4j unpacks once per
 * process) whose temporary folder is private to the test, so other programs' files do not count.
 */
class PtyNativesTest {

    @TempDir
    Path dir;

    /** The child JVM: one PTY launch, its output on stdout, its code as the exit code. */
    public static final class OnePtyLaunch {
        public static void main(String[] args) throws Exception {
            RunningChild child = ChildStarts.start(ChildStarter.pty(80, 24), new ChildCommand(List.of("sh", "-c", "echo pty-ok"),
                    Path.of("."), ChildEnvironment.build(System.getenv(), true, Map.of())));
            System.out.write(child.stdout().readAllBytes());
            System.out.flush();
            System.exit(child.waitFor());
        }
    }

    @Test
    void theNativeLibraryGoesToTheUsersCacheNotTmp() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        for (int run = 0; run < 2; run++) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-Duser.home=" + home, "-cp",
                    System.getProperty("java.class.path"), OnePtyLaunch.class.getName()).redirectErrorStream(true);
            pb.environment().put("HOME", home.toString());
            pb.environment().remove("XDG_CACHE_HOME");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("pty-ok");
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(Path::getFileName).map(Path::toString)).as("left in the temporary folder")
                    .noneMatch(name -> name.startsWith("pty4j"));
        }
        Path cache = home.resolve(".cache/latchkey/pty4j");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("libpty.so");
        }
    }
}
