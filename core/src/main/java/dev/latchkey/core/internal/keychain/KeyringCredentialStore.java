package dev.latchkey.core.internal.keychain;

import com.github.javakeyring.PasswordAccessException;
import dev.latchkey.core.keychain.StorageMode;
import java.time.Duration;
import java.util.Optional;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.CredentialKey;
import com.github.javakeyring.Keyring;

/**
 * The OS keychain through java-keyring: macOS Keychain, Windows Credential Manager, and the
 * Secret Service on Linux when libsecret cannot be loaded. Holds single entries only;
 * {@link KeychainProbe} wraps it in a {@link ChunkedCredentialStore} for values past the platform
 * limit.
 *
 * <p>Every call runs through {@link KeychainCalls}, bounded in time, because a keychain can block
 * on an unlock prompt nobody answers; a caller sees a {@link KeychainException} instead. On Linux
 * java-keyring's D-Bus library waits only on gnome-keyring's prompts and reports a reply slower
 * than two seconds as "not found", which is why {@link SecretServiceStore} comes first there.
 *
 * <p>Each call opens the keychain and closes it again: on Linux an open connection keeps a
 * non-daemon D-Bus thread alive, which would stop a CLI's JVM from exiting. Opening costs a few
 * milliseconds, small beside the keychain's own latency.
 */
final class KeyringCredentialStore implements CredentialStore {

    /** Opens the keychain; each call closes what it opened. */
    interface Opener {
        Keyring open() throws Exception;
    }

    /** java-keyring's Linux backend (secret-service 1.8.1) waits 2 s for a D-Bus reply, then reports nothing. */
    private static final Duration LATE_REPLY = Duration.ofMillis(1900);

    private final Opener keyrings;
    private final KeychainCalls calls;
    private final Duration timeout;
    private final StorageMode mode;

    KeyringCredentialStore(Opener keyrings, String backend, KeychainCalls calls, Duration timeout) {
        this.keyrings = keyrings;
        this.calls = calls;
        this.timeout = timeout;
        this.mode = new StorageMode.Keychain(backend);
    }

    @Override
    public Optional<String> read(CredentialKey key) throws KeychainException {
        long started = System.nanoTime();
        return bounded("read", key, keyring -> {
            try {
                return Optional.ofNullable(keyring.getPassword(key.service(), key.account()));
            } catch (PasswordAccessException e) {
                if (!isAbsent(e)) {
                    throw e;
                }
                if (System.nanoTime() - started >= LATE_REPLY.toNanos()) {
                    // On Linux its D-Bus library turns a reply later than 2 s (to opening the
                    // connection, or to the search) into "nothing found": after that long, "not
                    // there" may be a keychain that was merely slow.
                    String reason = "the keychain answered too slowly to tell whether " + key.account() + " is there";
                    throw new KeychainException(reason, reason + " (" + key.service() + "); try again", e);
                }
                return Optional.empty();
            }
        });
    }

    @Override
    public void write(CredentialKey key, String value) throws KeychainException {
        bounded("store", key, keyring -> {
            keyring.setPassword(key.service(), key.account(), value);
            return null;
        });
    }

    @Override
    public void delete(CredentialKey key) throws KeychainException {
        bounded("remove", key, keyring -> {
            try {
                keyring.deletePassword(key.service(), key.account());
            } catch (PasswordAccessException e) {
                if (!isAbsent(e)) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public StorageMode mode() {
        return mode;
    }

    // java-keyring reports "not there" as an exception; these are its words for it on each OS.
    private static boolean isAbsent(PasswordAccessException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("No stored credentials match") || m.startsWith("Password not Found")
                || m.startsWith("No password to delete");
    }

    private interface KeyringCall<T> {
        T run(Keyring keyring) throws Exception;
    }

    private <T> T bounded(String what, CredentialKey key, KeyringCall<T> call) throws KeychainException {
        // java-keyring's messages name the service and account, never the value.
        return calls.run(what + " " + key.account() + " of " + key.service(), timeout, ctx -> {
            Keyring keyring = keyrings.open();
            try {
                return call.run(keyring);
            } finally {
                closeQuietly(keyring);
            }
        });
    }

    /** Closes a keychain connection; a failure to close loses nothing, the call's result stands. */
    static void closeQuietly(Keyring keyring) {
        try {
            keyring.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String describe(Keyring keyring) {
        return switch (keyring.getKeyringStorageType()) {
            case OSX_KEYCHAIN -> "macOS Keychain";
            case WINDOWS_CREDENTIAL_STORE -> "Windows Credential Manager";
            case LEGACY_OSX_KEYCHAIN -> "macOS Keychain";
            case KWALLET -> "KDE Wallet";
            case GNOME_KEYRING -> "Secret Service";
            default -> keyring.getKeyringStorageType().name();
        };
    }
}
