package dev.latchkey.app;

import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.Session;
import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.User;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Opens the session with a broker (blocking: the keychain is probed) and reads who is signed in.
 * {@link #openAhead} starts that for a broker the app is about to connect to, beside the check of
 * the broker (the demo's: the broker is the app's own child), so {@link #open} then finds it done
 * or under way. A session opened ahead that is not asked for is closed.
 */
final class SessionOpener implements AutoCloseable {

    /** A session opened, and the person signed in to it, if any. */
    record Opened(Session session, Optional<User> user) {
    }

    private record Ahead(URI url, CompletableFuture<Opened> opened) {
    }

    private final TaskRunner tasks;
    private final Function<URI, Session> sessions;
    private final AtomicReference<Ahead> ahead = new AtomicReference<>();

    SessionOpener(TaskRunner tasks, Function<URI, Session> sessions) {
        this.tasks = tasks;
        this.sessions = sessions;
    }

    /** Starts opening the session with {@code url} in the background; the next {@link #open} of it waits for that. */
    void openAhead(URI url) {
        CompletableFuture<Opened> opened = new CompletableFuture<>();
        discard(ahead.getAndSet(new Ahead(url, opened)));
        tasks.run(() -> {
            try {
                opened.complete(openNow(url));
            } catch (AuthException | RuntimeException e) {
                opened.completeExceptionally(e);
            }
            return opened;
        }, done -> { }, failure -> { });
    }

    /** The session with {@code url}, opened ahead or now; blocking, so only from a background task. */
    Opened open(URI url) throws AuthException {
        Ahead mine = ahead.getAndSet(null);
        if (mine == null || !mine.url().equals(url)) {
            discard(mine);
            return openNow(url);
        }
        try {
            return mine.opened().join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case AuthException failure -> throw failure;
                case RuntimeException failure -> throw failure;
                default -> throw e;
            }
        }
    }

    private Opened openNow(URI url) throws AuthException {
        Session session = sessions.apply(url);
        try {
            return new Opened(session, session.currentUser());
        } catch (AuthException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static void discard(Ahead unused) {
        if (unused != null) {
            unused.opened().thenAccept(opened -> opened.session().close());
        }
    }

    /** Closes a session opened ahead and not asked for. */
    @Override
    public void close() {
        discard(ahead.getAndSet(null));
    }
}
