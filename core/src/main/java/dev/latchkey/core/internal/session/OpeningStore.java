package dev.latchkey.core.internal.session;

import dev.latchkey.core.internal.keychain.WholeServiceReads;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.keychain.StorageMode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A store being opened on a thread of its own (the keychain probe connects to the keychain's
 * process), so a command does other start-up work meanwhile; each call waits for the opening to
 * end. The opening itself is bounded in time ({@code KeychainProbe}) and never throws for a
 * missing keychain: it settles for a memory-only store, which then answers.
 */
final class OpeningStore implements CredentialStore, WholeServiceReads {

    private final CompletableFuture<CredentialStore> opened = new CompletableFuture<>();
    private final Supplier<CredentialStore> open;

    /** A store that {@code open} opens, once {@link #start} is called; calls made before wait. */
    OpeningStore(Supplier<CredentialStore> open) {
        this.open = open;
    }

    /**
     * Starts the opening on a daemon thread; {@code then} runs on that thread once the opening
     * ended (calls made then see the store, or the opening's failure).
     */
    void start(Runnable then) {
        Thread.ofPlatform().daemon().name("latchkey-keychain-open").start(() -> {
            try {
                opened.complete(open.get());
            } catch (RuntimeException | Error e) {
                opened.completeExceptionally(e);
            }
            then.run();
        });
    }

    @Override
    public Optional<String> read(CredentialKey key) throws KeychainException {
        return store().read(key);
    }

    @Override
    public void write(CredentialKey key, String value) throws KeychainException {
        store().write(key, value);
    }

    @Override
    public void delete(CredentialKey key) throws KeychainException {
        store().delete(key);
    }

    @Override
    public StorageMode mode() {
        return store().mode();
    }

    @Override
    public Optional<Map<String, String>> readService(String service) {
        return store() instanceof WholeServiceReads whole ? whole.readService(service) : Optional.empty();
    }

    private CredentialStore store() {
        try {
            return opened.join();
        } catch (CompletionException e) {
            // The opening's own failure, as if it had happened on this thread.
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }
}
