package dev.latchkey.core.auth;

import java.time.Duration;

/**
 * How the device flow waits between polls. Production waits on the real clock; tests pass a
 * pause that moves a test clock, so a five-minute expiry takes no time at all.
 */
@FunctionalInterface
public interface Pause {

    /** Waits for real, returning early on cancellation. */
    Pause REAL = (d, c) -> c.awaitCancel(d);

    /** Waits {@code d}, or less when {@code cancellation} is cancelled. */
    void pause(Duration d, SignInCancellation cancellation) throws InterruptedException;
}
