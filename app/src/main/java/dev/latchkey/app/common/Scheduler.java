package dev.latchkey.app.common;

import java.time.Clock;
import java.time.Duration;

/**
 * Runs an action on the UI thread after a delay: hiding a revealed value, clearing the
 * clipboard, debouncing input, ticking countdowns. A seam so tests move time by hand instead of
 * sleeping; its {@link #clock()} is the same time the actions are scheduled against.
 */
public interface Scheduler {

    /** A scheduled action that has not run yet can be cancelled; cancelling later does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** Runs {@code action} on the UI thread once {@code delay} has passed. */
    Cancellable after(Duration delay, Runnable action);

    /** The time the scheduler runs on. */
    Clock clock();
}
