package dev.latchkey.core.internal.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import java.net.URI;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KeychainProbe#reader()} through libsecret in this process ({@link SecretServiceLookup}; the
 * {@code secret-tool} way is {@link SecretToolReaderTest}) against the real Secret Service (gnome-keyring on a private
 * session bus, {@code .ci/with-keyring}): it reads exactly what the full store wrote, in the same
 * items, and its writes and removals are the full store's.
 */
class SecretServiceLookupTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private CredentialStore full;
    private CredentialStore reader;
    private URI broker;

    @BeforeEach
    void openKeychain() {
        full = KeychainProbe.open();
        if (!(full.mode() instanceof StorageMode.Keychain)) {
            RealParts.missing("no OS keychain answered: " + full.mode().describe()
                    + " (run inside dbus-run-session with .ci/with-keyring)");
        }
        reader = KeychainProbe.libsecretReader();
        broker = URI.create("http://127.0.0.1:" + (20000 + RANDOM.nextInt(20000)));
    }

    @Test
    void readsWhatTheFullStoreWroteAndNothingWhenThereIsNothing() throws Exception {
        CredentialKey key = CredentialKey.of(broker, "ada", "fingerprint-key");
        assertThat(reader.read(key)).isEmpty();
        full.write(key, "first-value");
        assertThat(reader.read(key)).contains("first-value");
        full.write(key, "second-value");
        assertThat(reader.read(key)).contains("second-value");
        full.delete(key);
        assertThat(reader.read(key)).isEmpty();
    }

    @Test
    void writesAndRemovalsGoThroughTheFullStore() throws Exception {
        CredentialKey key = CredentialKey.of(broker, "ada", "fingerprint-key");
        reader.write(key, "written-by-the-reader");
        assertThat(full.read(key)).contains("written-by-the-reader");
        assertThat(reader.read(key)).contains("written-by-the-reader");
        reader.delete(key);
        assertThat(full.read(key)).isEmpty();
        assertThat(reader.mode()).isInstanceOf(StorageMode.Keychain.class);
    }
}
