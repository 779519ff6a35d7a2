package dev.latchkey.core.internal.session;

import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.keychain.StorageMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A store that asks the keychain for each entry once and answers later reads from memory, for a
 * short-lived process (one CLI command) whose session is read by several parts: every keychain
 * call costs a round trip to the keychain's own process. This process's writes and removals go
 * through and update what is remembered; another process's are seen only after {@link #forget()}.
 * Memory only: nothing remembered is ever written anywhere else. Calls take turns (a read that
 * another thread is making is waited for, not made twice).
 */
final class RememberedReads implements CredentialStore {

    private final CredentialStore keychain;
    private final Map<CredentialKey, Optional<String>> read = new HashMap<>();

    RememberedReads(CredentialStore keychain) {
        this.keychain = keychain;
    }

    @Override
    public synchronized Optional<String> read(CredentialKey key) throws KeychainException {
        Optional<String> known = read.get(key);
        if (known != null) {
            return known;
        }
        Optional<String> value = keychain.read(key);
        read.put(key, value);
        return value;
    }

    @Override
    public synchronized void write(CredentialKey key, String value) throws KeychainException {
        read.remove(key);
        keychain.write(key, value);
        read.put(key, Optional.of(value));
    }

    @Override
    public synchronized void delete(CredentialKey key) throws KeychainException {
        read.remove(key);
        keychain.delete(key);
        read.put(key, Optional.empty());
    }

    @Override
    public StorageMode mode() {
        return keychain.mode();
    }

    /** Forgets what was read, so the next reads ask the keychain again (another process may have written). */
    synchronized void forget() {
        read.clear();
    }
}
