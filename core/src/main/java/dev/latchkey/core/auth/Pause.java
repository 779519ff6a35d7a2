package dev.latchkey.core.auth;

import java.time.Duration;

/**
 * A wait that stands in for the device flow's real one between polls, so a test can move its own
 * clock instead of sleeping: a five-minute expiry then takes no time at all. Without one (the
 * default), the flow waits for real and a cancelled sign-in stops waiting at once; with one, a
 * cancellation is seen before and after each pause.
 */
@FunctionalInterface
public interface Pause {

    /** Waits {@code d}, or what stands for it. */
    void pause(Duration d) throws InterruptedException;
}
