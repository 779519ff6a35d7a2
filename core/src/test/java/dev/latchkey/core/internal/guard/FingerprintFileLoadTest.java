package dev.latchkey.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fingerprint file is read before the key is known (a scan reads it while the keychain
 * answers) and matched with the key after: a file of another key is still refused, and a damaged
 * one is refused whatever the key.
 */
class FingerprintFileLoadTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsMatchedWithItsKeyOnlyAfterItWasRead() throws Exception {
        Path file = dir.resolve("fingerprints.lkg");
        FingerprintFile.write(file, FingerprintSet.empty(42));

        LoadedFingerprints loaded = FingerprintFile.load(file);

        assertThat(loaded.forKey(42).keyId()).isEqualTo(42);
        assertThatThrownBy(() -> loaded.forKey(43)).isInstanceOf(GuardFileException.class)
                .hasMessageContaining("was written with another fingerprint key")
                .satisfies(e -> assertThat(((GuardFileException) e).hint()).contains("move it aside"));
        assertThatThrownBy(() -> FingerprintFile.read(file, 43)).hasMessageContaining("another fingerprint key");
    }

    @Test
    void noFileIsAnEmptySetOfTheKeyAndADamagedOneIsRefusedForEveryKey() throws Exception {
        Path file = dir.resolve("fingerprints.lkg");
        assertThat(FingerprintFile.load(file).forKey(7).size()).isZero();
        assertThat(FingerprintFile.load(file).forKey(7).keyId()).isEqualTo(7);

        FingerprintFile.write(file, FingerprintSet.empty(7));
        byte[] b = Files.readAllBytes(file);
        b[b.length - 5] ^= 0x01;
        Files.write(file, b);

        LoadedFingerprints loaded = FingerprintFile.load(file);
        assertThatThrownBy(() -> loaded.forKey(7)).hasMessageContaining("damaged");
        assertThatThrownBy(() -> loaded.forKey(8)).hasMessageContaining("damaged");
    }
}
