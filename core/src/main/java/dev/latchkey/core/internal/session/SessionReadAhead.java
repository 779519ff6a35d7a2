package dev.latchkey.core.internal.session;

import dev.latchkey.core.auth.SessionStorageException;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.KeychainException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What one command's keychain thread does once the store has opened ({@link SessionVault#forOneCommand}):
 * reads the current session into the remembered reads, in as few keychain calls as the keychain
 * allows, then lets the calls that wait for it go on. A failure here is left alone: whoever needs
 * the session reads it again and reports it.
 */
final class SessionReadAhead implements Runnable {

    private final RememberedReads remembered;
    private final URI broker;
    private final LocalAccounts accounts;
    private final SessionVault vault;
    private final CompletableFuture<Void> done;

    /**
     * @param vault the broker's vault over {@code remembered}, whose read fills it
     * @param done completed once the read ahead ended, however it ended
     */
    SessionReadAhead(RememberedReads remembered, URI broker, String localUser, SessionVault vault, CompletableFuture<Void> done) {
        this.remembered = remembered;
        this.broker = broker;
        this.accounts = new LocalAccounts(remembered, broker, localUser);
        this.vault = vault;
        this.done = done;
    }

    @Override
    public void run() {
        try {
            read();
        } finally {
            done.complete(null);
        }
    }

    private void read() {
        try {
            // All of the broker's entries in one keychain call where the keychain can (secret-tool);
            boolean whole = remembered.readWholeService(CredentialKey.serviceOf(broker));
            Optional<String> subject = accounts.current();
            if (!whole && subject.isPresent()) {
                // otherwise the current session's entries and the account list, side by side.
                String s = subject.get();
                remembered.readSideBySide(List.of(key(s, SessionVault.USER), key(s, SessionVault.REFRESH),
                        key(s, SessionVault.ACCESS), accounts.index()));
            }
            vault.read();
        } catch (KeychainException | SessionStorageException | RuntimeException e) {
            // Read again, and reported, by whoever needs the session.
        }
    }

    private CredentialKey key(String subject, String item) {
        return CredentialKey.of(broker, subject, item);
    }
}
