package dev.latchkey.core.guard;

import dev.latchkey.core.internal.guard.GuardFiles;
import dev.latchkey.core.internal.guard.GuardKey;
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
        List<Received> copy = List.copyOf(values);
        CompletableFuture<Optional<String>> done = new CompletableFuture<>();
        if (copy.isEmpty()) {
            done.complete(Optional.empty());
            return done;
        }
        background.execute(() -> {
            try {
                GuardKey key = GuardKey.load(store.get(), true);
                if (key.mac().isEmpty()) {
                    done.complete(Optional.of("latchkey guard: values not recorded: " + key.why()));
                    return;
                }
                String notice = new Recorder(files, expiry).record(key, copy, clock.instant());
                done.complete(notice.isEmpty() ? Optional.empty() : Optional.of("latchkey guard: " + notice));
            } catch (IOException | RuntimeException e) {
                done.complete(Optional.of("latchkey guard: values not recorded (" + e.getMessage()
                        + "); commits are still checked by pattern rules"));
            }
        });
        return done;
    }

    /** See {@link LeakGuard#recording}. */
    SecretSource recording(SecretSource source, URI broker, Consumer<String> notices) {
        return (refs, sandboxes) -> {
            Resolution r = source.resolve(refs, sandboxes);
            if (r instanceof Resolution.Granted g) {
                List<Received> got = new ArrayList<>();
                g.secrets().values().forEach(v -> got.add(Received.secret(v.ref(), v.value(), broker)));
                g.sandboxTokens().values().forEach(t -> got.add(Received.sandboxToken(t.sandbox(), t.token(), broker)));
                pending = record(got);
                pending.thenAccept(n -> n.ifPresent(notices));
            }
            return r;
        };
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
