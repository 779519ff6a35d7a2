package dev.latchkey.core.internal.keychain;

import dev.latchkey.core.internal.keychain.GLib.Cancellable;
import dev.latchkey.core.internal.keychain.GLib.Failure;
import dev.latchkey.core.keychain.StorageMode;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.latchkey.core.keychain.KeychainPrompt;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.internal.keychain.KeychainCalls.Call;

/**
 * The Secret Service (gnome-keyring, KeePassXC, KWallet) through libsecret: single entries, each
 * an item whose attributes are exactly {@code service} and {@code account}, as java-keyring wrote
 * them, so sessions kept by earlier versions stay readable and are updated in place.
 *
 * <p>Every prompt is executed and awaited: a locked collection is unlocked with the desktop's own
 * dialog, and an item another program wrote is unlocked when the keychain asks the person first
 * (KeePassXC's access request). A write replaces the secret of the existing item in one call and
 * never rewrites its attributes, so a reader in another process never sees it missing; a read
 * reports "absent" only when the search found nothing, never when the keychain failed.
 */
final class SecretServiceStore implements CredentialStore {

    private final Libsecret lib;
    private final KeychainCalls calls;
    private final Duration callTimeout;
    private final SecretServiceUnlocks unlocks;
    // Written on the keychain thread; read by the caller's thread too, to see whether it still runs.
    private volatile MemorySegment service = MemorySegment.NULL;
    private volatile String owner = "";
    // Which program answers; null until mode() asks, when opened without naming it.
    private volatile String backend;

    SecretServiceStore(Libsecret lib, KeychainCalls calls, Duration callTimeout) {
        this.lib = lib;
        this.calls = calls;
        this.callTimeout = callTimeout;
        this.unlocks = new SecretServiceUnlocks(lib, () -> service);
    }

    /**
     * Connects and checks that the keychain can be used, unlocking its default collection first
     * when it is locked (the one wait that may outlast {@code bound}).
     */
    void open(Duration bound) throws KeychainException {
        open(bound, true);
    }

    /**
     * The same; without {@code nameIt}, which program answers is asked only when {@link #mode()}
     * is, for a process that may never ask (one CLI command).
     */
    void open(Duration bound, boolean nameIt) throws KeychainException {
        calls.run("open the keychain", bound, ctx -> {
            try (Cancellable c = cancellable(ctx)) {
                try {
                    connect(c);
                } catch (Failure f) {
                    throw SecretServiceErrors.unavailableOrFailed(f, "open the keychain", false);
                }
                if (nameIt) {
                    backend = SecretServiceNames.describe(lib.glib(), service, c);
                }
                unlocks.ensureUnlocked(ctx, c, "open the keychain");
                return null;
            }
        }, this::stillRunning);
    }

    @Override
    public Optional<String> read(CredentialKey key) throws KeychainException {
        String what = "read " + key.account() + " of " + key.service();
        return call(what, (ctx, c) -> {
            Optional<byte[]> quick = readUnlocked(ctx, key, c);
            if (quick.isPresent()) {
                return Optional.of(new String(quick.get(), StandardCharsets.UTF_8));
            }
            unlocks.ensureUnlocked(ctx, c, what);
            for (int attempt = 0; attempt < 2; attempt++) {
                List<List<String>> found = lib.search(service, SecretServiceNames.attributes(key), c);
                List<String> unlocked = found.get(0);
                if (unlocked.isEmpty() && !found.get(1).isEmpty()) {
                    unlocked = unlocks.unlockItems(ctx, c, key, found.get(1), what);
                }
                if (unlocked.isEmpty()) {
                    return Optional.empty();
                }
                Optional<byte[]> secret;
                try {
                    secret = lib.secret(service, unlocked.get(0), c);
                } catch (Failure f) {
                    if (SecretServiceErrors.gone(f.error())) {
                        continue; // replaced or removed between the search and the read: search again
                    }
                    throw f;
                }
                if (secret.isPresent()) {
                    return Optional.of(new String(secret.get(), StandardCharsets.UTF_8));
                }
                // The item is there but its secret could not be decrypted: the session's key
                // exchange went wrong (KDE Wallet, about one session in 200). A new session, again.
                reconnect();
                connect(c);
            }
            String reason = "the keychain did not give Latchkey the secret of " + key.account();
            throw new KeychainException(reason, reason + " of " + key.service() + " (it changed or could not be"
                    + " decrypted twice); try again", null);
        });
    }

    /**
     * Replaces the secret of the existing item in place (SetSecret: one call, attributes left as
     * they are), or creates the item. Extra items with the same attributes (two processes that
     * created it at once) are removed, so every reader finds the value just written.
     */
    @Override
    public void write(CredentialKey key, String value) throws KeychainException {
        String what = "store " + key.account() + " of " + key.service();
        byte[] secret = value.getBytes(StandardCharsets.UTF_8);
        call(what, (ctx, c) -> {
            boolean hasDefault = unlocks.ensureUnlocked(ctx, c, what);
            for (int attempt = 0; attempt < 2; attempt++) {
                List<List<String>> found = lib.search(service, SecretServiceNames.attributes(key), c);
                List<String> items = new ArrayList<>(found.get(0));
                if (!found.get(1).isEmpty()) {
                    items.addAll(unlocks.unlockItems(ctx, c, key, found.get(1), what));
                }
                if (items.isEmpty()) {
                    Call.Callable<Void> create = () -> {
                        lib.store(service, SecretServiceNames.attributes(key), SecretServiceNames.label(key), secret, c);
                        return null;
                    };
                    // With no default collection the keychain asks the person to create one (and its password).
                    return hasDefault ? ctx.mayPrompt(create) : ctx.prompt(KeychainPrompt.Kind.ANSWER, create);
                }
                try {
                    lib.setSecret(service, items.get(0), secret, c);
                } catch (Failure f) {
                    if (SecretServiceErrors.gone(f.error())) {
                        continue; // removed between the search and the write: create it
                    }
                    throw f;
                }
                for (String duplicate : items.subList(1, items.size())) {
                    ctx.mayPrompt(() -> lib.delete(service, duplicate, c));
                }
                return null;
            }
            throw new KeychainException("the keychain kept changing " + key.account() + " of " + key.service()
                    + " while Latchkey stored it; try again", null);
        });
    }

    @Override
    public void delete(CredentialKey key) throws KeychainException {
        String what = "remove " + key.account() + " of " + key.service();
        call(what, (ctx, c) -> {
            unlocks.ensureUnlocked(ctx, c, what);
            List<List<String>> found = lib.search(service, SecretServiceNames.attributes(key), c);
            List<String> paths = new ArrayList<>(found.get(0));
            if (!found.get(1).isEmpty()) {
                paths.addAll(unlocks.unlockItems(ctx, c, key, found.get(1), what));
            }
            for (String path : paths) {
                // KeePassXC may ask the person to confirm each removal.
                if (!ctx.mayPrompt(() -> lib.delete(service, path, c))) {
                    throw SecretServiceErrors.declined("you did not allow Latchkey to remove " + key.account(), what);
                }
            }
            return null;
        });
    }

    /**
     * The secret of an entry found unlocked, in two calls (search, get), as most reads find it;
     * empty for anything else (locked, absent, gone, undecryptable), which {@link #read} then
     * handles the long way: unlocking, searching again, saying why.
     */
    private Optional<byte[]> readUnlocked(Call.Context ctx, CredentialKey key, Cancellable c) throws Exception {
        // KeePassXC puts up its unlock dialog for a search of a locked database.
        List<String> unlocked = ctx.mayPrompt(KeychainPrompt.Kind.UNLOCK,
                () -> lib.search(service, SecretServiceNames.attributes(key), c)).get(0);
        try {
            return unlocked.isEmpty() ? Optional.empty() : lib.secret(service, unlocked.get(0), c);
        } catch (Failure f) {
            if (SecretServiceErrors.gone(f.error())) {
                return Optional.empty();
            }
            throw f;
        }
    }

    @Override
    public StorageMode mode() {
        String b = backend;
        if (b == null) {
            try {
                b = call("find which program keeps the keychain", (ctx, c) -> SecretServiceNames.describe(lib.glib(), service, c));
            } catch (KeychainException unknown) {
                b = "Secret Service";
            }
            backend = b;
        }
        return new StorageMode.Keychain(b);
    }

    private interface Op<T> {
        T run(Call.Context ctx, Cancellable c) throws Exception;
    }

    /** Runs {@code op}; when the keychain restarted or went away, connects again and retries once. */
    private <T> T call(String what, Op<T> op) throws KeychainException {
        return calls.run(what, callTimeout, ctx -> {
            try (Cancellable c = cancellable(ctx)) {
                for (int attempt = 0; ; attempt++) {
                    try {
                        if (service.equals(MemorySegment.NULL)) {
                            connect(c);
                        }
                        return op.run(ctx, c);
                    } catch (Failure f) {
                        if (attempt > 0 || !SecretServiceErrors.stale(f.error())) {
                            throw SecretServiceErrors.unavailableOrFailed(f, what, true);
                        }
                        reconnect();
                    }
                }
            }
        }, this::stillRunning);
    }

    /**
     * Connects and opens an encrypted session. A session whose key exchange fails (KDE Wallet
     * refuses about one client key in 200) is tried once more with new keys.
     */
    private void connect(Cancellable c) throws Failure {
        try {
            service = lib.service(c);
        } catch (Failure f) {
            if (SecretServiceErrors.stale(f.error()) || SecretServiceErrors.noBus(f.error())) {
                throw f;
            }
            lib.disconnect();
            service = lib.service(c);
        }
        owner = lib.glib().owner(service).orElse("");
    }

    /** Whether the program that answered when Latchkey connected still answers (any thread). */
    private boolean stillRunning() {
        MemorySegment s = service;
        return s.equals(MemorySegment.NULL) || lib.glib().currentOwner(s).filter(owner::equals).isPresent();
    }

    private Cancellable cancellable(Call.Context ctx) {
        Cancellable c = lib.glib().cancellable();
        ctx.onCancel(c::cancel);
        return c;
    }

    private void reconnect() {
        // The old proxy is not released: the caller's thread may be asking it whether the
        // keychain still runs. One small object per reconnection is all that is kept.
        service = MemorySegment.NULL;
        lib.disconnect();
    }
}
