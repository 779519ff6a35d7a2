package dev.latchkey.cli.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Building Latchkey trains the CLI's AOT cache with the daily commands, the leak guard recording
 * what they receive among them; none of that may reach the keychain of the person who builds.
 */
class AotTrainingKeychainIT {

    /** The leak guard's fingerprint key (core's GuardKey.ENTRY), which a first recording makes. */
    private static final CredentialKey GUARD_KEY = new CredentialKey(CredentialKey.SERVICE_PREFIX + "guard", "fingerprint-key");
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @Test
    void theTrainingRecordsWithAKeyOfItsOwnAndLeavesTheUsersKeychainUntouched(@TempDir Path dir) throws Exception {
        CredentialStore keychain = KeychainProbe.open();
        if (!(keychain.mode() instanceof StorageMode.Keychain)) {
            RealParts.missing("no Secret Service keychain answers (" + keychain.mode().describe() + ")");
        }
        Path cliJar = Path.of(System.getProperty("latchkey.cli.jar", "target/latchkey.jar"));
        Path brokerJar = Path.of(System.getProperty("latchkey.broker.jar", "../broker/target/latchkey-broker.jar"));
        assertThat(cliJar).as("the CLI jar (run the integration tests after package)").isRegularFile();
        assertThat(brokerJar).as("the broker jar (built before the CLI)").isRegularFile();
        // Without a key the guard makes one at its first recording: the moment it would land in the keychain.
        Optional<String> before = keychain.read(GUARD_KEY);
        keychain.delete(GUARD_KEY);
        try {
            Path work = dir.resolve("training");
            Process training = new ProcessBuilder(JAVA, "-XX:TieredStopAtLevel=1", "-cp", cliJar.toString(),
                    AotTraining.class.getName(), brokerJar.toString(), work.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(training.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            assertThat(training.waitFor(300, TimeUnit.SECONDS)).as("the training ended").isTrue();
            String stderr = err.get(10, TimeUnit.SECONDS);

            assertThat(stderr).as("the training's stderr").doesNotContain("stopped early", "left out");
            // It did record the values it received (so the cache holds the recording path) ...
            assertThat(work.resolve("state/latchkey/guard/fingerprints.lkg")).as("the training's fingerprint file").isRegularFile();
            // ... with a key that never reached the keychain.
            assertThat(keychain.read(GUARD_KEY)).as("the guard key in the user's keychain").isEmpty();
        } finally {
            keychain.delete(GUARD_KEY);
            if (before.isPresent()) {
                keychain.write(GUARD_KEY, before.get());
            }
        }
    }
}
