package dev.latchkey.core.guard;

import dev.latchkey.core.keychain.CredentialStore;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the guard reads its fingerprint key: the store it was given, or the OS keychain, opened
 * once on first use (opening it may cost a native binding or a prompt, so not before).
 */
final class GuardKeychain {

    private final Supplier<CredentialStore> opening;
    // Whether the key is in the OS keychain (no store given): then another connection to it serves as well.
    private final boolean osKeychain;
    private volatile CredentialStore store;

    GuardKeychain(Supplier<CredentialStore> opening, boolean osKeychain) {
        this.opening = opening;
        this.osKeychain = osKeychain;
    }

    /** The store, opened now if this is the first call. */
    CredentialStore get() {
        CredentialStore s = store;
        if (s == null) {
            synchronized (this) {
                if (store == null) {
                    store = opening.get();
                }
                s = store;
            }
        }
        return s;
    }

    /**
     * The store for one launch: the OS keychain the process already opened ({@code shared}) when
     * the key is in the OS keychain, else the guard's own.
     */
    Supplier<CredentialStore> forOneLaunch(Optional<CredentialStore> shared) {
        return osKeychain && shared.isPresent() ? shared::get : this::get;
    }
}
