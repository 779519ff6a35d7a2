package dev.latchkey.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo broker as the app runs it: the real broker jar (built by the broker module before this
 * one) as a child process, its output in a private log file, gone when the app is.
 */
class DemoBrokerTest {

    @TempDir
    Path dir;

    private Path log() {
        return DemoBrokerRunner.logIn(dir.resolve("state"));
    }

    @Test
    void itRunsFromTheBrokerJarSaysWhereItListensAndStopsWhenClosed() throws Exception {
        DemoBroker broker = DemoBroker.launch(DemoBrokerProgram.locate(), log());
        ProcessHandle process;
        try {
            URI url = broker.awaitUrl(DemoBrokerRunner.READY_WITHIN);
            assertThat(url.toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(BrokerProbe.overHttp().probe(url).issuer()).isEqualTo(url + "/dev-idp");
            process = ProcessHandle.of(broker.pid()).orElseThrow();
            assertThat(process.info().command().orElse("")).as("the app's own Java runtime")
                    .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        } finally {
            broker.close();
        }
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void itsOutputGoesToAPrivateLogThatHoldsNoTokenAndNoValue() throws Exception {
        String token;
        String value;
        try (DemoBroker broker = DemoBroker.launch(DemoBrokerProgram.locate(), log())) {
            URI url = broker.awaitUrl(DemoBrokerRunner.READY_WITHIN);
            token = DevSignIn.accessToken(url, "ada");
            List<ResolvedSecret> read = Latchkey.brokerClient(url, () -> token)
                    .resolve(List.of(SecretRef.parse("latchkey://payments/dev/db-url"))).secrets();
            assertThat(read).hasSize(1);
            value = read.getFirst().value();
        }
        String text = Files.readString(log());
        assertThat(text).contains("DEVELOPMENT MODE", "Latchkey broker listening on http://127.0.0.1:");
        assertThat(text).doesNotContain(token).doesNotContain(value);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log().getParent())))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void anAppKilledOutrightLeavesNoBrokerBehind() throws Exception {
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + DemoBrokerProgram.JAR_PROPERTY + "=" + DemoBrokerProgram.locate().jar(),
                "-cp", System.getProperty("java.class.path"), DemoBrokerOwner.class.getName(), log().toString())
                .redirectError(dir.resolve("owner.err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
            String pidLine = CompletableFuture.supplyAsync(() -> lineStartingWith(out, "broker pid "))
                    .get(DemoBrokerRunner.READY_WITHIN.toSeconds() + 30, TimeUnit.SECONDS);
            ProcessHandle broker = ProcessHandle.of(Long.parseLong(pidLine.substring("broker pid ".length())))
                    .orElseThrow();

            owner.destroyForcibly(); // SIGKILL: no shutdown hook, nothing of the owner's code runs
            assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();
            broker.onExit().get(30, TimeUnit.SECONDS);
            assertThat(broker.isAlive()).isFalse();
        } finally {
            owner.destroyForcibly();
        }
    }

    @Test
    void aMissingJarSaysWhereItLookedAndWhatToDo() {
        Path missing = dir.resolve("nowhere").resolve(DemoBrokerProgram.JAR_NAME);
        DemoBrokerProgram program = new DemoBrokerProgram(DemoBrokerProgram.locate().java(), missing);
        assertThatThrownBy(() -> DemoBroker.launch(program, log())).isInstanceOf(DemoBrokerException.class)
                .hasMessage("its program is missing: there is no " + missing + ". Reinstall Latchkey"
                        + " (in a checkout, build it first: mvn -B -q -DskipTests package)");
        assertThat(log()).doesNotExist();
    }

    @Test
    void aProgramThatEndsBeforeListeningSaysSoAndWhereItsLogIs() throws Exception {
        Path notAJar = Files.writeString(dir.resolve("latchkey-broker.jar"), "not a jar");
        DemoBroker broker = DemoBroker.launch(new DemoBrokerProgram(DemoBrokerProgram.locate().java(), notAJar), log());
        assertThatThrownBy(() -> broker.awaitUrl(DemoBrokerRunner.READY_WITHIN)).isInstanceOf(DemoBrokerException.class)
                .hasMessageStartingWith("it stopped (exit 1) before it was ready")
                .hasMessageEndingWith(". Its log: " + log());
        assertThat(Files.readString(log())).contains("Invalid or corrupt jarfile");
    }

    @Test
    void aBrokerThatDoesNotListenInTimeIsStopped() throws Exception {
        DemoBroker broker = DemoBroker.launch(DemoBrokerProgram.locate(), log());
        ProcessHandle process = ProcessHandle.of(broker.pid()).orElseThrow();
        // No JVM starts a broker in 50 ms: the wait ends first.
        assertThatThrownBy(() -> broker.awaitUrl(Duration.ofMillis(50))).isInstanceOf(DemoBrokerException.class)
                .hasMessage("it did not say where it listens within 1 s. Its log: " + log());
        assertThat(process.isAlive()).isFalse();
    }

    private static String lineStartingWith(BufferedReader in, String prefix) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new IllegalStateException("the owner ended without saying " + prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
