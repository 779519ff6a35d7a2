package dev.latchkey.cli.startup;

import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import java.util.Optional;

/**
 * The AOT training's keychain for the leak guard's fingerprint key: this JVM's memory, reporting
 * itself as a keychain. The guard records nothing into a store that says it is memory-only, and
 * the training wants the recording path in the cache; the developer's own keychain must not get
 * a key (or an unlock prompt) because they built Latchkey.
 */
final class TrainingKeychain implements CredentialStore {

    private final InMemoryCredentialStore entries = new InMemoryCredentialStore();

    @Override
    public Optional<String> read(CredentialKey key) {
        return entries.read(key);
    }

    @Override
    public void write(CredentialKey key, String value) {
        entries.write(key, value);
    }

    @Override
    public void delete(CredentialKey key) {
        entries.delete(key);
    }

    @Override
    public StorageMode mode() {
        return new StorageMode.Keychain("the AOT training's, in memory");
    }
}
