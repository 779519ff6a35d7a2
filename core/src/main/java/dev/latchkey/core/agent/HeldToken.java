package dev.latchkey.core.agent;

import dev.latchkey.core.Session;
import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.internal.session.AccessTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's access token, held in memory: read from the session (the keychain) once, and again
 * when it nears expiry or when {@link #RECHECK} has passed since the keychain was last read. Every
 * caller waits on one lock, so however many clients ask at the moment the token runs out, the
 * agent refreshes once (the session's own lock then keeps other processes out too).
 *
 * <p>The recheck is what ends an agent's access when a session ends behind its back (a sign-out
 * by a program that did not tell the agent, another account switched to): at most {@link #RECHECK}
 * later the agent serves the keychain's session, or answers that nobody is signed in.
 */
final class HeldToken implements BearerToken {

    /** A token with less than this left is read again; the session refreshes it at the same margin. */
    static final Duration MARGIN = AccessTokens.EXPIRY_MARGIN;
    private static final Duration UNKNOWN_EXPIRY_LIFETIME = Duration.ofSeconds(60);
    /**
     * The longest the agent serves a token without looking at the keychain again. A look costs a
     * few keychain reads, so once per this period is nothing beside a command's own start.
     */
    static final Duration RECHECK = Duration.ofSeconds(10);

    private final Session session;
    private final Clock clock;
    private final AtomicLong refreshes = new AtomicLong();
    private String token;
    private Instant expiresAt = Instant.MIN;
    private Instant checkedAt = Instant.MIN;

    HeldToken(Session session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    @Override
    public synchronized String get() throws NotSignedInException {
        Instant now = clock.instant();
        if (token != null && now.plus(MARGIN).isBefore(expiresAt) && now.isBefore(checkedAt.plus(RECHECK))) {
            return token;
        }
        try {
            String read = session.accessToken();
            expiresAt = session.accessTokenExpiry().orElse(now.plus(UNKNOWN_EXPIRY_LIFETIME));
            checkedAt = now;
            if (!read.equals(token)) {
                refreshes.incrementAndGet();
            }
            token = read;
            return token;
        } catch (AuthException e) {
            forget();
            throw new NotSignedInException(e.getMessage(), e);
        }
    }

    /** When the held token expires; {@link Instant#MIN} before the first read. */
    synchronized Instant expiresAt() {
        return expiresAt;
    }

    /** How many times the session gave a token other than the one held (the first read included). */
    long reads() {
        return refreshes.get();
    }

    /**
     * Forgets the token, so the next call reads the session again: after a sign-out, a switch of
     * account or a new sign-in, or when the broker refused the token.
     */
    synchronized void forget() {
        token = null;
        expiresAt = Instant.MIN;
        checkedAt = Instant.MIN;
    }
}
