package dev.latchkey.core.internal.keychain;

import dev.latchkey.core.internal.keychain.GLib.Cancellable;
import dev.latchkey.core.internal.keychain.KeychainCalls.Call;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.KeychainPrompt;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How {@link SecretServiceStore} unlocks what it finds locked, executing the keychain's own
 * prompt: the default collection (its password) or single items (KeePassXC's access request).
 */
final class SecretServiceUnlocks {

    private final Libsecret lib;
    private final Supplier<MemorySegment> service;

    /** {@code service}: the store's connection at the time of the call (it reconnects). */
    SecretServiceUnlocks(Libsecret lib, Supplier<MemorySegment> service) {
        this.lib = lib;
        this.service = service;
    }

    /** Unlocks the default collection if it is locked; false when there is no default collection yet. */
    boolean ensureUnlocked(Call.Context ctx, Cancellable c, String what) throws Exception {
        Optional<String> collection = lib.alias(service.get(), "default", c);
        if (collection.isEmpty()) {
            return false;
        }
        if (lib.collectionLocked(service.get(), collection.get(), c)) {
            List<String> unlocked = ctx.prompt(KeychainPrompt.Kind.UNLOCK, () -> lib.unlock(service.get(), List.of(collection.get()), c));
            if (unlocked.isEmpty()) {
                throw SecretServiceErrors.declined("you declined to unlock the keychain", what);
            }
        }
        return true;
    }

    /**
     * Unlocks items the search found locked: in a locked collection the person types its
     * password; in KeePassXC they allow access to entries another program wrote. Asks once for
     * every locked entry of the same service, so one answer covers the whole session.
     */
    List<String> unlockItems(Call.Context ctx, Cancellable c, CredentialKey key, List<String> locked, String what) throws Exception {
        List<String> sameService = lib.search(service.get(), Map.of("service", key.service()), c).get(1);
        List<String> ask = sameService.containsAll(locked) ? sameService : locked;
        String first = locked.get(0);
        boolean collectionLocked = lib.collectionLocked(service.get(), first.substring(0, first.lastIndexOf('/')), c);
        List<String> unlocked = ctx.prompt(collectionLocked ? KeychainPrompt.Kind.UNLOCK : KeychainPrompt.Kind.ACCESS,
                () -> lib.unlock(service.get(), ask, c));
        List<String> mine = locked.stream().filter(unlocked::contains).toList();
        if (mine.isEmpty()) {
            throw SecretServiceErrors.declined(collectionLocked ? "you declined to unlock the keychain"
                    : "you did not allow Latchkey to use its entries in the keychain", what);
        }
        return mine;
    }
}
