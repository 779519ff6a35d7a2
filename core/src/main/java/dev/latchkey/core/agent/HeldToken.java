package dev.latchkey.core.agent;

import dev.latchkey.core.Session;
import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.session.AccessTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's access token, held in memory: read from the session (the keychain) once, and again
 * only when it nears expiry. Every caller waits on one lock, so however many clients ask at the
 * moment the token runs out, the agent refreshes once (the session's own lock then keeps other
 * processes out too).
 */
final class HeldToken implements BearerToken {

    /** A token with less than this left is read again; the session refreshes it at the same margin. */
    static final Duration MARGIN = AccessTokens.EXPIRY_MARGIN;
    private static final Duration UNKNOWN_EXPIRY_LIFETIME = Duration.ofSeconds(60);

    private final Session session;
    private final Clock clock;
    private final AtomicLong refreshes = new AtomicLong();
    private String token;
    private Instant expiresAt = Instant.MIN;

    HeldToken(Session session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    @Override
    public synchronized String get() throws NotSignedInException {
        if (token != null && clock.instant().plus(MARGIN).isBefore(expiresAt)) {
            return token;
        }
        try {
            token = session.accessToken();
            expiresAt = session.accessTokenExpiry().orElse(clock.instant().plus(UNKNOWN_EXPIRY_LIFETIME));
            refreshes.incrementAndGet();
            return token;
        } catch (AuthException e) {
            token = null;
            throw new NotSignedInException(e.getMessage(), e);
        }
    }

    /** When the held token expires; {@link Instant#MIN} before the first read. */
    synchronized Instant expiresAt() {
        return expiresAt;
    }

    /** How many times the token was read afresh from the session (the first read included). */
    long reads() {
        return refreshes.get();
    }

    /** Forgets the token, so the next call reads the session again (after the broker refused it). */
    synchronized void forget() {
        token = null;
    }
}
