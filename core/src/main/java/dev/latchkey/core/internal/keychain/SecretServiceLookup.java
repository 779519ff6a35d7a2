package dev.latchkey.core.internal.keychain;

import dev.latchkey.core.internal.keychain.GLib.Cancellable;
import dev.latchkey.core.internal.keychain.GLib.Failure;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.KeychainException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The Secret Service for a short-lived process that reads an entry or two (the leak guard's git
 * hook). A read is one libsecret call: search, unlock with the keychain's own prompt when the item
 * is locked, get. There is no probe entry and no question about which program answers, so a cold
 * JVM binds six native call shapes instead of some twenty, and the keychain sees two requests
 * instead of eight: in a hook, the fingerprint key arrives in about half the time.
 *
 * <p>Everything else (writes, removals, and a read the short way could not finish, such as a
 * secret that failed to decrypt) goes to the full {@link SecretServiceStore}, opened on first
 * need with the same library and keychain thread.
 */
final class SecretServiceLookup extends ShortReadStore {

    private final Libsecret lib;
    private final KeychainCalls calls;
    private final Duration bound;
    // Used on the keychain thread only.
    private MemorySegment service = MemorySegment.NULL;

    SecretServiceLookup(Libsecret lib, KeychainCalls calls, Duration bound) {
        this.lib = lib;
        this.calls = calls;
        this.bound = bound;
    }

    @Override
    Optional<Optional<String>> shortRead(CredentialKey key) throws KeychainException {
        String what = "read " + key.account() + " of " + key.service();
        Optional<Optional<byte[]>> found = calls.run(what, bound, ctx -> {
            try (Cancellable c = lib.glib().cancellable()) {
                ctx.onCancel(c::cancel);
                if (service.equals(MemorySegment.NULL)) {
                    try {
                        service = lib.service(c);
                    } catch (Failure f) {
                        throw SecretServiceErrors.unavailableOrFailed(f, what, false);
                    }
                }
                try {
                    // A locked item puts up the keychain's unlock prompt inside this call.
                    return Optional.of(ctx.mayPrompt(() -> lib.lookup(service, SecretServiceNames.attributes(key), c)));
                } catch (Failure f) {
                    return Optional.empty();
                }
            }
        });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(found.get().map(bytes -> {
            String value = new String(bytes, StandardCharsets.UTF_8);
            Arrays.fill(bytes, (byte) 0);
            return value;
        }));
    }

    @Override
    CredentialStore openFull() throws KeychainException {
        SecretServiceStore full = new SecretServiceStore(lib, calls, KeychainProbe.CALL_TIMEOUT);
        full.open(bound);
        return full;
    }
}
