package dev.latchkey.core.internal.session;

import dev.latchkey.core.internal.keychain.WholeServiceReads;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.keychain.StorageMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
    // Whole services read at once (account to value): an entry not read yet is answered from them.
    private final Map<String, Map<String, String>> services = new HashMap<>();

    RememberedReads(CredentialStore keychain) {
        this.keychain = keychain;
    }

    @Override
    public synchronized Optional<String> read(CredentialKey key) throws KeychainException {
        Optional<String> known = read.get(key);
        if (known != null) {
            return known;
        }
        Map<String, String> service = services.get(key.service());
        if (service != null) {
            Optional<String> value = Optional.ofNullable(service.get(key.account()));
            read.put(key, value);
            return value;
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

    /**
     * Reads every entry of {@code service} in one keychain call, where the keychain can, and
     * remembers them as if each had been read now (an account not there has no entry).
     *
     * @return whether it could
     */
    synchronized boolean readWholeService(String service) {
        if (!(keychain instanceof WholeServiceReads whole)) {
            return false;
        }
        Optional<Map<String, String>> entries = whole.readService(service);
        if (entries.isEmpty()) {
            return false;
        }
        services.put(service, entries.get());
        return true;
    }

    /**
     * Reads the {@code keys} not remembered yet side by side, each on a thread of its own, and
     * remembers them: where each read is a process of its own ({@code secret-tool}), the session's
     * entries arrive in the time of one. Other calls wait meanwhile, as for any read. A read that
     * fails is not remembered: whoever needs the entry reads it again and hears why.
     */
    synchronized void readSideBySide(List<CredentialKey> keys) {
        List<CredentialKey> missing = new ArrayList<>();
        for (CredentialKey key : keys) {
            if (!read.containsKey(key) && !missing.contains(key)) {
                missing.add(key);
            }
        }
        if (missing.size() < 2) {
            return;
        }
        List<CompletableFuture<Optional<String>>> reads = new ArrayList<>();
        for (CredentialKey key : missing) {
            ReadOne one = new ReadOne(keychain, key, new CompletableFuture<>());
            Thread.ofPlatform().daemon().name("latchkey-keychain-read").start(one);
            reads.add(one.value());
        }
        for (int i = 0; i < missing.size(); i++) {
            try {
                read.put(missing.get(i), reads.get(i).join());
            } catch (CompletionException | CancellationException failed) {
                // Not remembered: read again, and reported, by whoever needs it.
            }
        }
    }

    /** One read of a side-by-side batch (a class, not a lambda: nothing to link at run time). */
    private record ReadOne(CredentialStore keychain, CredentialKey key, CompletableFuture<Optional<String>> value)
            implements Runnable {
        @Override
        public void run() {
            try {
                value.complete(keychain.read(key));
            } catch (KeychainException | RuntimeException e) {
                value.completeExceptionally(e);
            }
        }
    }

    /** Forgets what was read, so the next reads ask the keychain again (another process may have written). */
    synchronized void forget() {
        read.clear();
        services.clear();
    }
}
