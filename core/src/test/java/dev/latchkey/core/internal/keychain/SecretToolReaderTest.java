package dev.latchkey.core.internal.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KeychainProbe#reader()} through libsecret's {@code secret-tool}, against the real Secret
 * Service (gnome-keyring on a private session bus, {@code .ci/with-keyring}): it reads exactly what
 * the full store wrote, says "none" without asking libsecret when there is none, and hands every
 * read the tool does not answer plainly (an error, a crash) to libsecret in this process.
 */
class SecretToolReaderTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private CredentialStore full;
    private CredentialKey key;

    @TempDir
    Path dir;

    @BeforeEach
    void openKeychain() {
        full = KeychainProbe.open();
        if (!(full.mode() instanceof StorageMode.Keychain)) {
            RealParts.missing("no OS keychain answered: " + full.mode().describe()
                    + " (run inside dbus-run-session with .ci/with-keyring)");
        }
        if (!SecretToolReader.usable(SecretToolReader.DEFAULT_TOOL)) {
            RealParts.missing(SecretToolReader.DEFAULT_TOOL + " is missing (Debian package libsecret-tools)");
        }
        key = CredentialKey.of(URI.create("http://127.0.0.1:" + (20000 + RANDOM.nextInt(20000))), "ada",
                "fingerprint-key");
    }

    @Test
    void theReaderIsTheToolAndReadsWhatTheFullStoreWrote() throws Exception {
        CredentialStore reader = KeychainProbe.reader();
        assertThat(reader).isInstanceOf(ChunkedCredentialStore.class);
        assertThat(reader.read(key)).isEmpty();
        full.write(key, "first-value with spaces, ünïcode and a line\nbreak");
        assertThat(reader.read(key)).contains("first-value with spaces, ünïcode and a line\nbreak");
        full.write(key, "second-value");
        assertThat(reader.read(key)).contains("second-value");
        reader.write(key, "written-by-the-reader");
        assertThat(full.read(key)).contains("written-by-the-reader");
        reader.delete(key);
        assertThat(full.read(key)).isEmpty();
        assertThat(reader.read(key)).isEmpty();
    }

    @Test
    void noEntryIsAnswerEnoughAndLibsecretIsNotLoaded() throws Exception {
        AtomicInteger fallbacks = new AtomicInteger();
        CredentialStore reader = new ChunkedCredentialStore(new SecretToolReader(SecretToolReader.DEFAULT_TOOL, () -> {
            fallbacks.incrementAndGet();
            return Optional.empty();
        }), ChunkedCredentialStore.UNSPLIT_CHARS);
        assertThat(reader.read(key)).isEmpty();
        full.write(key, "a-value");
        assertThat(reader.read(key)).contains("a-value");
        full.delete(key);
        assertThat(fallbacks).hasValue(0);
    }

    @Test
    void aToolThatFailsHandsTheReadToLibsecret() throws Exception {
        full.write(key, "the-value");
        for (String body : new String[] {"echo 'secret-tool: Cannot autolaunch D-Bus' >&2; exit 1", "kill -9 $$",
            "exit 2"}) {
            Path tool = FakeTool.write(dir, "secret-tool", body);
            AtomicInteger fallbacks = new AtomicInteger();
            CredentialStore reader = new ChunkedCredentialStore(new SecretToolReader(tool, () -> {
                fallbacks.incrementAndGet();
                return KeychainProbe.lookupEntries();
            }), ChunkedCredentialStore.UNSPLIT_CHARS);
            assertThat(reader.read(key)).as(body).contains("the-value");
            assertThat(fallbacks).as(body).hasValue(1);
        }
        full.delete(key);
    }

    @Test
    void withoutLibsecretAFailedReadSaysSoAndNothingIsWrittenToMemory() throws Exception {
        Path tool = FakeTool.write(dir, "secret-tool", "echo 'secret-tool: no bus' >&2\nexit 1");
        CredentialStore reader = new SecretToolReader(tool, Optional::empty);
        assertThatThrownBy(() -> reader.read(key)).isInstanceOf(KeychainUnavailableException.class)
                .hasMessageContaining("libsecret");
        assertThatThrownBy(() -> reader.write(key, "x")).isInstanceOf(KeychainException.class);
    }

    @Test
    void withoutASessionBusToFindTheReadGoesStraightToLibsecret() throws Exception {
        assertThat(SecretToolReader.busFindable(Map.of())).isFalse();
        assertThat(SecretToolReader.busFindable(Map.of("XDG_RUNTIME_DIR", dir.toString()))).isFalse();
        assertThat(SecretToolReader.busFindable(Map.of("DBUS_SESSION_BUS_ADDRESS", " "))).isFalse();
        assertThat(SecretToolReader.busFindable(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"))).isTrue();
        assertThat(SecretToolReader.busFindable(Map.of("DISPLAY", ":0"))).isTrue();
        Files.createFile(dir.resolve("bus"));
        assertThat(SecretToolReader.busFindable(Map.of("XDG_RUNTIME_DIR", dir.toString()))).isTrue();
    }
}
