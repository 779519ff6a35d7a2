package dev.latchkey.core.internal.session;

import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.SignInRequiredException;
import dev.latchkey.core.internal.auth.TokenSet;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Hands out a valid access token, refreshing it first when it is about to expire.
 *
 * <p>Refresh is single-flight across threads and processes: whoever takes the {@link RefreshLock}
 * re-reads the keychain (another process may have refreshed while it waited), refreshes only if
 * the token is still stale, writes the new tokens back, and releases. With rotating refresh
 * tokens this matters: two parallel refreshes with the same token would make the IdP treat the
 * second as a replay and end the session.
 */
public final class AccessTokens {

    /** A token with less than this left is refreshed first, so it does not expire on its way to the broker. */
    public static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    /** How long to wait for another process's refresh before giving up. */
    public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    private final SessionVault vault;
    private final IdpConnection idp;
    private final RefreshLock lock;
    private final Clock clock;
    private final URI broker;

    public AccessTokens(SessionVault vault, IdpConnection idp, Path lockDirectory, URI broker, Clock clock) {
        this.vault = vault;
        this.idp = idp;
        this.lock = new RefreshLock(lockDirectory, broker, LOCK_TIMEOUT);
        this.clock = clock;
        this.broker = broker;
    }

    /** A valid access token. */
    public String current() throws AuthException {
        StoredSession session = stored();
        if (session.accessUsableAt(clock.instant(), EXPIRY_MARGIN)) {
            return session.accessToken().orElseThrow();
        }
        RefreshLock.Held held = lock.acquire();
        try {
            return refreshIfStillNeeded();
        } finally {
            held.close();
        }
    }

    private String refreshIfStillNeeded() throws AuthException {
        StoredSession session = fresh();
        if (session.accessUsableAt(clock.instant(), EXPIRY_MARGIN)) {
            return session.accessToken().orElseThrow();
        }
        String refreshToken = session.refreshToken().orElseThrow(() -> new SignInRequiredException(
                "your sign-in to " + broker + " has expired and the IdP gave no refresh token; sign in again"));
        TokenSet fresh;
        try {
            fresh = idp.endpoint().refresh(refreshToken);
        } catch (SignInRequiredException ended) {
            // Someone without the lock (an older Latchkey, a user's script) may have rotated the
            // token meanwhile: try once more with what the keychain holds now before giving up.
            Optional<String> now = fresh().refreshToken();
            if (now.isPresent() && !now.get().equals(refreshToken)) {
                fresh = idp.endpoint().refresh(now.get());
            } else {
                vault.clear();
                throw ended;
            }
        }
        vault.saveRefresh(session.user(), fresh);
        return fresh.accessToken();
    }

    private StoredSession stored() throws AuthException {
        return notSignedInIfEmpty(vault.read());
    }

    /** What the keychain holds now: under the lock, another process may have just refreshed. */
    private StoredSession fresh() throws AuthException {
        return notSignedInIfEmpty(vault.readFresh());
    }

    private StoredSession notSignedInIfEmpty(Optional<StoredSession> session) throws SignInRequiredException {
        return session.orElseThrow(() -> new SignInRequiredException(
                "you are not signed in to " + broker + "; sign in first"));
    }
}
