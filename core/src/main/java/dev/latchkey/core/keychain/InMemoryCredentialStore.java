package dev.latchkey.core.keychain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Credentials in this process's memory only: the memory-only session, and tests. */
public final class InMemoryCredentialStore implements CredentialStore {

    private final Map<CredentialKey, String> entries = new ConcurrentHashMap<>();
    private final StorageMode mode;

    /** A store that reports itself as memory-only for {@code reason}. */
    public InMemoryCredentialStore(String reason) {
        this.mode = new StorageMode.MemoryOnly(reason);
    }

    /** A store for tests and embedded use, memory-only because it was asked to be. */
    public InMemoryCredentialStore() {
        this("this session was configured to keep nothing at rest");
    }

    @Override
    public Optional<String> read(CredentialKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void write(CredentialKey key, String value) {
        entries.put(key, value);
    }

    @Override
    public void delete(CredentialKey key) {
        entries.remove(key);
    }

    @Override
    public StorageMode mode() {
        return mode;
    }

    /** How many entries are held (for tests that check sign-out leaves nothing behind). */
    public int size() {
        return entries.size();
    }
}
