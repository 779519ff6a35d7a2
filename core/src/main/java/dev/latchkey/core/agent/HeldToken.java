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
 * caller that finds the held token due waits on one lock, so however many clients ask at the moment
 * the token runs out, the agent refreshes once (the session's own lock then keeps other processes out too).
 *
 * <p>The recheck is what ends an agent's access when a session ends behind its back (a sign-out
 * by a program that did not tell the agent, another account switched to): at most {@link #RECHECK}
 * later the agent serves the keychain's session, or answers that nobody is signed in. The
 * {@link AgentRefresher} normally does these reads ahead ({@link #readAhead()}), so a call finds the
 * token fresh and takes it without a lock; the bound is still kept here, on the call's own path, if
 * the refresher falls behind.
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

    /** What was read, and when; replaced whole, so a call reads it without the lock. */
    private record Held(String token, Instant expiresAt, Instant checkedAt) {
    }

    private final Session session;
    private final Clock clock;
    private final AtomicLong refreshes = new AtomicLong();
    private final Object reading = new Object();
    private volatile Held held;

    HeldToken(Session session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    @Override
    public String get() throws NotSignedInException {
        Held h = held;
        if (h != null && usable(h, clock.instant())) {
            return h.token();
        }
        synchronized (reading) {
            h = held; // another caller may have read it while this one waited
            if (h != null && usable(h, clock.instant())) {
                return h.token();
            }
            return read().token();
        }
    }

    /**
     * Reads the keychain now, as a call finding the token due would, when a token is held (after a
     * sign-out nothing is read until a call asks). A session that ended is forgotten, as on a call.
     *
     * @return when the held token becomes due for its refresh ({@link #MARGIN} before it expires), or
     *     null when none is held
     */
    Instant readAhead() {
        synchronized (reading) {
            if (held == null) {
                return null;
            }
            try {
                return read().expiresAt().minus(MARGIN);
            } catch (NotSignedInException e) {
                return null; // forgotten; the next call reads again and says why
            }
        }
    }

    private static boolean usable(Held h, Instant now) {
        return now.plus(MARGIN).isBefore(h.expiresAt()) && now.isBefore(h.checkedAt().plus(RECHECK))
                && !now.isBefore(h.checkedAt());
    }

    private Held read() throws NotSignedInException {
        Instant now = clock.instant();
        try {
            String read = session.accessToken();
            Instant expiresAt = session.accessTokenExpiry().orElse(now.plus(UNKNOWN_EXPIRY_LIFETIME));
            Held before = held;
            if (before == null || !read.equals(before.token())) {
                refreshes.incrementAndGet();
            }
            Held fresh = new Held(read, expiresAt, now);
            held = fresh;
            return fresh;
        } catch (AuthException e) {
            held = null;
            throw new NotSignedInException(e.getMessage(), e);
        }
    }

    /** When the held token expires; {@link Instant#MIN} before the first read. */
    Instant expiresAt() {
        Held h = held;
        return h == null ? Instant.MIN : h.expiresAt();
    }

    /** How many times the session gave a token other than the one held (the first read included). */
    long reads() {
        return refreshes.get();
    }

    /**
     * Forgets the token, so the next call reads the session again: after a sign-out, a switch of
     * account or a new sign-in, or when the broker refused the token. A read under way finishes first.
     */
    void forget() {
        synchronized (reading) {
            held = null;
        }
    }
}
