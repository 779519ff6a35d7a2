package dev.latchkey.core.guard;

import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;

/** The real OS keychain for guard tests; a test without one fails under LATCHKEY_REQUIRE_REAL_PARTS, else skips. */
final class GuardTestKeychain {

    private static CredentialStore store;

    private GuardTestKeychain() {
    }

    static synchronized CredentialStore store() {
        if (store == null) {
            store = KeychainProbe.open();
        }
        if (store.mode() instanceof StorageMode.MemoryOnly m) {
            RealParts.missing("no keychain for the guard's fingerprint key: " + m.reason());
        }
        return store;
    }
}
