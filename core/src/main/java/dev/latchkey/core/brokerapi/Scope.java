package dev.latchkey.core.brokerapi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A team's secrets for one environment ({@code payments/prod}) and what the caller may do with it.
 *
 * @param name {@code team/env}
 * @param access the caller's access now
 * @param grantedUntil when the caller's grant ends, for {@link Access#GRANTED}
 * @param maxDuration the longest access a request may ask for, for {@link Access#REQUESTABLE}
 * @param confirm the broker's policy asks that the user confirm each launch that reads the scope
 *     ({@code "confirm": true}; false from brokers that do not say)
 */
public record Scope(String name, Access access, Optional<Instant> grantedUntil, Optional<Duration> maxDuration,
                    boolean confirm) {

    /** A scope without confirmation. */
    public Scope(String name, Access access, Optional<Instant> grantedUntil, Optional<Duration> maxDuration) {
        this(name, access, grantedUntil, maxDuration, false);
    }

    /** The caller's access to a scope. */
    public enum Access {
        /** Always readable (a dev scope of one's own team). */
        STANDING,
        /** Readable until {@code grantedUntil}. */
        GRANTED,
        /** Not readable now; a request may be made. */
        REQUESTABLE,
        /** Visible, but neither readable nor requestable. */
        NONE
    }
}
