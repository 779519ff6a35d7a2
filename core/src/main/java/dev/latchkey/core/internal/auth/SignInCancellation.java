package dev.latchkey.core.internal.auth;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Lets whoever started a sign-in stop it while it waits for approval; safe from any thread. */
public final class SignInCancellation {

    private final CountDownLatch cancelled = new CountDownLatch(1);

    /** A sign-in that nobody has cancelled yet. */
    public SignInCancellation() {
        // Nothing to set up: the latch above is the whole state.
    }

    /** Stops the sign-in at its next wait; it then ends with {@code SignInCancelledException}. */
    public void cancel() {
        cancelled.countDown();
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Waits up to {@code d}, returning early when cancelled. */
    public void awaitCancel(Duration d) throws InterruptedException {
        if (!d.isNegative() && !d.isZero()) {
            boolean ignored = cancelled.await(d.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
