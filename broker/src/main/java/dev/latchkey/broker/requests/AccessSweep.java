package dev.latchkey.broker.requests;

import dev.latchkey.broker.grants.GrantAnnouncements;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the clock does to requests and grants: requests nobody decided in time expire, and grants
 * that start, near their end or end are announced. Reads apply expiry lazily too, so nothing
 * depends on the sweep's timing; it makes the events go out on time. Production runs it every
 * second ({@link #start}); tests call {@link #sweep()} after moving their clock.
 */
public final class AccessSweep implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccessSweep.class);

    private final AccessRequests requests;
    private final GrantAnnouncements announcements;
    private ScheduledExecutorService timer;

    public AccessSweep(AccessRequests requests, GrantAnnouncements announcements) {
        this.requests = requests;
        this.announcements = announcements;
    }

    /** One pass; returns how many requests and announcements it handled. */
    public int sweep() {
        return requests.expireLapsed() + announcements.sweep();
    }

    /** Sweeps every second on a daemon thread until {@link #close()}. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "latchkey-access-sweep");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                // A failed pass (database briefly away) is retried by the next one.
                LOG.warn("access sweep failed: {}", e.getMessage());
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }
}
