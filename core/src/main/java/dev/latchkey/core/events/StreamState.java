package dev.latchkey.core.events;

import dev.latchkey.core.brokerapi.BrokerException;
import java.time.Duration;
import java.util.OptionalLong;

/** How the event stream's connection is doing, for a status line or a tray icon. */
public sealed interface StreamState {

    /**
     * Connected; events after {@code lastEventId} will follow (replayed ones first). Without a
     * {@code lastEventId} (no event received yet) only new events follow, so a listener that must
     * not miss anything re-reads the state it cares about on each {@code Connected}.
     *
     * @param lastEventId the id resumed after, empty on a first connection
     */
    record Connected(OptionalLong lastEventId) implements StreamState {
    }

    /**
     * The connection dropped or failed; the stream tries again after {@code retryIn}.
     *
     * @param reason why, in words (a broker URL and an HTTP status at most; never a token)
     */
    record Reconnecting(String reason, Duration retryIn) implements StreamState {
    }

    /**
     * The stream gave up for good: the sign-in is no longer accepted, or the broker refuses the
     * stream. Nothing more will be delivered.
     */
    record Stopped(BrokerException reason) implements StreamState {
    }
}
