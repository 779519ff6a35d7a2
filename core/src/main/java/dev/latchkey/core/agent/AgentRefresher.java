package dev.latchkey.core.agent;

import dev.latchkey.core.approval.ConfirmScopes;
import dev.latchkey.core.brokerapi.BrokerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps what a resolve needs fresh off its path: on a thread of its own, the agent's token is read
 * from the keychain again (and refreshed when it comes due) and the broker's scopes listing asked
 * again, every half of their bounds ({@link HeldToken#RECHECK}, {@link ConfirmScopes#LISTING_TTL}),
 * so a launch finds both within their bounds and never waits for the keychain or the broker on their
 * account. The bounds themselves are kept by {@link HeldToken} and {@link ConfirmScopes} on a call's
 * path; this only makes it rare that a call is the one to look.
 *
 * <p>It looks only while the agent is in use (a call within {@link #IDLE}, {@link #used()}), so an
 * idle agent calls neither the keychain nor the broker; its first launch after a pause reads on its path.
 */
final class AgentRefresher implements AutoCloseable {

    /** How often the token and the listing are read ahead: half their bound, so a late look is still in time. */
    static final Duration EVERY = min(HeldToken.RECHECK, ConfirmScopes.LISTING_TTL).dividedBy(2);
    /** After this long without a launch, the agent stops looking until the next one. */
    static final Duration IDLE = Duration.ofMinutes(1);
    /** A look planned for a token's due time comes this much after it, so the session sees it due. */
    private static final Duration AFTER_DUE = Duration.ofMillis(50);

    private final HeldToken token;
    private final ConfirmScopes listing;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;
    private volatile Instant usedAt = Instant.MIN;

    private AgentRefresher(HeldToken token, ConfirmScopes listing, Clock clock) {
        this.token = token;
        this.listing = listing;
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "latchkey-agent-refresh");
            t.setDaemon(true);
            return t;
        });
        // close() drops the planned look; one under way finishes (an interrupt could close a keychain connection).
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts looking ahead for {@code token} and {@code listing}; {@link #close()} stops it. */
    static AgentRefresher start(HeldToken token, ConfirmScopes listing, Clock clock) {
        AgentRefresher refresher = new AgentRefresher(token, listing, clock);
        refresher.plan(EVERY);
        return refresher;
    }

    private void plan(Duration delay) {
        if (!timer.isShutdown()) {
            timer.schedule(this::look, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void look() {
        Duration next = EVERY;
        try {
            if (!clock.instant().isAfter(usedAt.plus(IDLE))) {
                Instant due = token.readAhead();
                if (due != null) { // signed out: nothing to list until a call reads the keychain again
                    listing.refresh();
                }
                next = untilDue(due, next);
            }
        } catch (BrokerException | RuntimeException e) {
            // Nothing to do here: a launch that finds the listing out of date asks for it and reports why.
        } finally {
            plan(next);
        }
    }

    /** Called for every call the agent serves: the agent is in use, so the looks go on. */
    void used() {
        usedAt = clock.instant();
    }

    /** The next look: at the token's due time when it comes before {@code every}, else {@code every}. */
    private Duration untilDue(Instant due, Duration every) {
        if (due == null) {
            return every;
        }
        Duration left = Duration.between(clock.instant(), due).plus(AFTER_DUE);
        // A token already due (one that lives less than the margin) waits a whole period, not a busy loop.
        return left.isNegative() || left.isZero() || left.compareTo(every) >= 0 ? every : left;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        timer.shutdown();
    }
}
