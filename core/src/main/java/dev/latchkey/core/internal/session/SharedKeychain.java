package dev.latchkey.core.internal.session;

import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.keychain.StorageMode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The keychain a one-command session opened, lent to another reader in the same process (the
 * leak guard's key, read while a launch fetches its values), so the process keeps one connection
 * to the keychain. Each call waits until the session has read its own entries ahead: the keychain
 * answers one call at a time, and the session's token is what the launch waits for first. The
 * calls then go to the keychain itself, past the session's remembered reads (they are not the
 * session's entries). The session's own calls wait the same way, in front of its remembered reads.
 */
final class SharedKeychain implements CredentialStore {

    private final CredentialStore keychain;
    private final CompletableFuture<Void> sessionReadAhead;

    /** @param sessionReadAhead completes (never exceptionally) once the session's read ahead ended */
    SharedKeychain(CredentialStore keychain, CompletableFuture<Void> sessionReadAhead) {
        this.keychain = keychain;
        this.sessionReadAhead = sessionReadAhead;
    }

    @Override
    public Optional<String> read(CredentialKey key) throws KeychainException {
        sessionReadAhead.join();
        return keychain.read(key);
    }

    @Override
    public void write(CredentialKey key, String value) throws KeychainException {
        sessionReadAhead.join();
        keychain.write(key, value);
    }

    @Override
    public void delete(CredentialKey key) throws KeychainException {
        sessionReadAhead.join();
        keychain.delete(key);
    }

    @Override
    public StorageMode mode() {
        sessionReadAhead.join();
        return keychain.mode();
    }
}
