package dev.latchkey.core.keychain;

import com.github.javakeyring.Keyring;
import dev.latchkey.core.FailureText;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds out, within a bounded time, whether the OS keychain works, and returns the store to
 * use: the keychain when a write, a read and a remove of a throw-away entry all succeed, an
 * in-memory store that says why otherwise. Never a plaintext file (security invariant 4).
 *
 * <p>The probe runs on a daemon thread: a Secret Service that waits on an unlock prompt, or a
 * D-Bus that never answers, leaves that thread behind but never the caller.
 */
public final class KeychainProbe {

    /** How long the probe may take before Latchkey settles for a memory-only session. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(3);

    /** How long any later keychain call may take. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private static final CredentialKey PROBE = new CredentialKey(CredentialKey.SERVICE_PREFIX + "probe", "probe");

    private KeychainProbe() {
    }

    /** The store for this process, found within {@link #DEFAULT_BOUND}. */
    public static CredentialStore open() {
        return open(DEFAULT_BOUND);
    }

    /** The store for this process, found within {@code bound}. */
    public static CredentialStore open(Duration bound) {
        ExecutorService thread = KeyringCredentialStore.keychainThread();
        Future<CredentialStore> probe = thread.submit(() -> tryKeychain(thread));
        try {
            return probe.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            probe.cancel(true);
            thread.shutdownNow();
            return new InMemoryCredentialStore("the keychain did not answer within " + bound.toMillis() + " ms");
        } catch (ExecutionException e) {
            thread.shutdownNow();
            return new InMemoryCredentialStore(reason(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
            return new InMemoryCredentialStore("interrupted while looking for a keychain");
        }
    }

    private static CredentialStore tryKeychain(ExecutorService thread) throws Exception {
        String backend;
        Keyring keyring = Keyring.create();
        try {
            String marker = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
            keyring.setPassword(PROBE.service(), PROBE.account(), marker);
            String back = keyring.getPassword(PROBE.service(), PROBE.account());
            keyring.deletePassword(PROBE.service(), PROBE.account());
            if (!marker.equals(back)) {
                throw new IllegalStateException("the keychain returned something other than what was stored");
            }
            backend = KeyringCredentialStore.describe(keyring);
        } finally {
            KeyringCredentialStore.closeQuietly(keyring);
        }
        return new ChunkedCredentialStore(new KeyringCredentialStore(Keyring::create, backend, thread, CALL_TIMEOUT));
    }

    private static String reason(Throwable t) {
        String m = Optional.ofNullable(t.getMessage()).orElse(FailureText.describe(t));
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root == t || root.getMessage() == null ? "" : ": " + root.getMessage();
        String text = m + detail;
        // Keep the status line short; D-Bus errors can be long.
        return "no usable keychain (" + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + ")";
    }
}
