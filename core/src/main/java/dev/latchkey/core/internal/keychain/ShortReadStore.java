package dev.latchkey.core.internal.keychain;

import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.keychain.StorageMode;
import java.util.Optional;

/**
 * A Secret Service store for a process that reads an entry or two and ends: a read tries a short
 * way first, and everything else (writes, removals, and a read the short way could not finish)
 * goes to a full store, opened on first need so a process that only reads never pays for it.
 */
abstract class ShortReadStore implements CredentialStore {

    private CredentialStore full;

    /** The entry's value, none, or empty when the short way gave no plain answer. */
    abstract Optional<Optional<String>> shortRead(CredentialKey key) throws KeychainException;

    /** Opens the store every other call goes to; called once, on first need. */
    abstract CredentialStore openFull() throws KeychainException;

    @Override
    public final Optional<String> read(CredentialKey key) throws KeychainException {
        Optional<Optional<String>> answer = shortRead(key);
        return answer.isPresent() ? answer.get() : full().read(key);
    }

    @Override
    public final void write(CredentialKey key, String value) throws KeychainException {
        full().write(key, value);
    }

    @Override
    public final void delete(CredentialKey key) throws KeychainException {
        full().delete(key);
    }

    @Override
    public final StorageMode mode() {
        return new StorageMode.Keychain("Secret Service");
    }

    private synchronized CredentialStore full() throws KeychainException {
        if (full == null) {
            full = openFull();
        }
        return full;
    }
}
