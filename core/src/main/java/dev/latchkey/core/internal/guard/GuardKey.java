package dev.latchkey.core.internal.guard;

import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.internal.keychain.KeychainUnavailableException;
import dev.latchkey.core.keychain.StorageMode;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The per-user fingerprint key: 32 random bytes in the OS keychain, never on disk. Without a
 * keychain there is no key, and the guard runs its pattern rules only, saying so.
 *
 * @param mac the keyed hash, when there is a key
 * @param why why fingerprints are off, when they are
 */
public record GuardKey(Optional<Sha256Mac> mac, long id, String why) {

    static final CredentialKey ENTRY = new CredentialKey(CredentialKey.SERVICE_PREFIX + "guard", "fingerprint-key");
    private static final byte[] KEY_ID = Sha256Mac.utf8("latchkey guard key id");

    static GuardKey off(String why) {
        return new GuardKey(Optional.empty(), 0, why);
    }

    /** The key from {@code store}; made and stored first when {@code create} and there is none. */
    public static GuardKey load(CredentialStore store, boolean create) {
        try {
            // The entry first: asking a keychain its mode may cost more than the read (a session's
            // names the program keeping it, a native binding), and only a key's absence needs it.
            Optional<String> stored = store.read(ENTRY);
            byte[] key;
            if (stored.isPresent()) {
                key = Base64.getDecoder().decode(stored.get());
            } else if (store.mode() instanceof StorageMode.MemoryOnly m) {
                // Never a key that would end with the process: the next one could not read its file.
                return off("fingerprints are off: " + m.reason() + "; pattern rules still run");
            } else if (create) {
                key = new byte[32];
                new SecureRandom().nextBytes(key);
                store.write(ENTRY, Base64.getEncoder().encodeToString(key));
            } else {
                return off("no values recorded yet (Latchkey records each value you receive)");
            }
            Sha256Mac mac = new Sha256Mac(key);
            Arrays.fill(key, (byte) 0);
            return new GuardKey(Optional.of(mac), mac.mac64((byte) 'K', KEY_ID), "");
        } catch (KeychainUnavailableException e) {
            return off("fingerprints are off: " + e.reason() + "; pattern rules still run");
        } catch (KeychainException e) {
            return off("fingerprints are off: " + e.getMessage() + "; pattern rules still run");
        } catch (IllegalArgumentException e) {
            return off("fingerprints are off: the keychain entry " + ENTRY.account() + " of " + ENTRY.service()
                    + " is not a Latchkey key; remove it and Latchkey makes a new one");
        }
    }
}
