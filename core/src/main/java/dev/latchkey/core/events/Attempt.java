package dev.latchkey.core.events;

import dev.latchkey.core.brokerapi.AccessDeniedException;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.NotSignedInException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How one connection of an {@link EventStream} ended, which decides whether and when it reconnects. */
sealed interface Attempt {

    /** The connection ended or never worked; worth another try after a wait. */
    record Dropped(boolean connected, String reason, Optional<Duration> retry) implements Attempt {
    }

    /** The broker refused the sign-in: tried once more with a fresh token, then stopped. */
    record Unauthorized(BrokerException reason) implements Attempt {
    }

    /** No point trying again. */
    record Stop(BrokerException reason) implements Attempt {
    }

    /** An IdP or keychain that did not answer is retried like a dropped stream; an ended session stops it. */
    static Attempt noToken(NotSignedInException e, boolean connected) {
        if (e.transientCause()) {
            return new Dropped(connected, e.getMessage(), Optional.empty());
        }
        return new Stop(e);
    }

    /** What a status other than 200 means for the stream, or empty for 200. */
    static Optional<Attempt> refused(int code, URI base) {
        if (code == 401) {
            return Optional.of(new Unauthorized(new NotSignedInException(
                    "the broker at " + base + " no longer accepts your sign-in for its event stream")));
        }
        if (code == 403 || code == 404) {
            return Optional.of(new Stop(new AccessDeniedException(
                    "the broker at " + base + " refuses its event stream (HTTP " + code + ")")));
        }
        if (code != 200) {
            return Optional.of(new Dropped(false, "the broker at " + base + " answered the event stream with HTTP "
                    + code, Optional.empty()));
        }
        return Optional.empty();
    }
}
