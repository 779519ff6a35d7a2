package dev.latchkey.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock a test moves by hand, so expiry, leeway and rate limits are tested without sleeping.
 * Safe to read from the threads of the code under test while the test advances it.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /** A clock that reads {@code start} until advanced. */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock that starts at the system's present instant (for code that also meets real time, such as an IdP). */
    public static MutableClock atNow() {
        return new MutableClock(Instant.now());
    }

    /** Moves the clock forward by {@code by}. */
    public void advance(Duration by) {
        now.updateAndGet(instant -> instant.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock in UTC; another zone is refused, as no test needs one and ignoring it would mislead. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone.normalized())) {
            throw new UnsupportedOperationException("a MutableClock is in UTC, not " + zone);
        }
        return this;
    }
}
