package dev.latchkey.core.expiry;

import java.time.Duration;

/** What the monitor tells its listeners. Each is delivered once per item and threshold. */
public sealed interface ExpiryEvent {

    /** The item the event is about. */
    Expiring item();

    /**
     * {@code item} ends within {@code threshold}; {@code left} is the real time left when noticed.
     */
    record Warning(Expiring item, Duration threshold, Duration left) implements ExpiryEvent {
    }

    /** {@code item} has ended. */
    record Expired(Expiring item) implements ExpiryEvent {
    }
}
