package dev.latchkey.core.guard;

import dev.latchkey.core.internal.guard.FingerprintFile;
import dev.latchkey.core.internal.guard.GuardFiles;
import dev.latchkey.core.internal.guard.GuardKey;
import dev.latchkey.core.internal.guard.LoadedFingerprints;
import dev.latchkey.core.internal.guard.Recorder;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The guard's recording side: fingerprints of the values a user receives, added on the guard's
 * background thread so no launch waits for the keychain or the disk, and never failing one.
 * {@link LeakGuard} documents the behaviour; this is where it lives.
 */
final class Recordings {

    private final GuardFiles files;
    private final Duration expiry;
    private final Clock clock;
    private final ExecutorService background;
    private final Supplier<CredentialStore> store;
    private volatile CompletableFuture<Optional<String>> pending = CompletableFuture.completedFuture(Optional.empty());

    Recordings(GuardFiles files, Duration expiry, Clock clock, ExecutorService background, Supplier<CredentialStore> store) {
        this.files = files;
        this.expiry = expiry;
        this.clock = clock;
        this.background = background;
        this.store = store;
    }

    /** See {@link LeakGuard#record}. */
    CompletableFuture<Optional<String>> record(Collection<Received> values) {
        return record(values, null);
    }

    /** Records {@code values} with the key and file {@code ahead} read, or reads them now (null). */
    private CompletableFuture<Optional<String>> record(Collection<Received> values, CompletableFuture<Ahead> ahead) {
        List<Received> copy = List.copyOf(values);
        CompletableFuture<Optional<String>> done = new CompletableFuture<>();
        if (copy.isEmpty()) {
            done.complete(Optional.empty());
            return done;
        }
        background.execute(() -> {
            try {
                // Read ahead on this same thread, so done by now.
                Ahead read = ahead != null ? ahead.join() : new Ahead(GuardKey.load(store.get(), true), null);
                GuardKey key = read.key();
                if (key.mac().isEmpty()) {
                    done.complete(Optional.of("latchkey guard: values not recorded: " + key.why()));
                    return;
                }
                String notice = new Recorder(files, expiry).record(key, copy, clock.instant(), read.file());
                done.complete(notice.isEmpty() ? Optional.empty() : Optional.of("latchkey guard: " + notice));
            } catch (IOException | RuntimeException e) {
                Throwable why = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                done.complete(Optional.of("latchkey guard: values not recorded (" + why.getMessage()
                        + "); commits are still checked by pattern rules"));
            }
        });
        return done;
    }

    /** See {@link LeakGuard#recording}. */
    SecretSource recording(SecretSource source, URI broker, Consumer<String> notices) {
        return recording(source, broker, notices, null);
    }

    /**
     * See {@link LeakGuard#recordingOneLaunch}: the file, then the key (through {@code keys}), read
     * now on the guard's thread, while {@code source} fetches the values.
     */
    SecretSource recordingOneLaunch(SecretSource source, URI broker, Consumer<String> notices,
                                    Supplier<CredentialStore> keys) {
        CompletableFuture<Ahead> ahead = CompletableFuture.supplyAsync(() -> {
            // The file first: it is on disk, while the key may wait for the keychain's opening.
            LoadedFingerprints file = FingerprintFile.load(files.fingerprints());
            return new Ahead(GuardKey.load(keys.get(), true), file);
        }, background);
        return recording(source, broker, notices, ahead);
    }

    private SecretSource recording(SecretSource source, URI broker, Consumer<String> notices,
                                   CompletableFuture<Ahead> ahead) {
        return (refs, sandboxes) -> {
            Resolution r = source.resolve(refs, sandboxes);
            if (r instanceof Resolution.Granted g) {
                List<Received> got = new ArrayList<>();
                g.secrets().values().forEach(v -> got.add(Received.secret(v.ref(), v.value(), broker)));
                g.sandboxTokens().values().forEach(t -> got.add(Received.sandboxToken(t.sandbox(), t.token(), broker)));
                pending = record(got, ahead);
                pending.thenAccept(n -> n.ifPresent(notices));
            }
            return r;
        };
    }

    /** The guard's key and its fingerprint file as read ahead of a launch's values; no file when not read. */
    private record Ahead(GuardKey key, LoadedFingerprints file) {
    }

    /** See {@link LeakGuard#awaitRecording}. */
    void await(Duration bound) {
        try {
            pending.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Recording never fails a launch; a slow keychain only loses this record.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
