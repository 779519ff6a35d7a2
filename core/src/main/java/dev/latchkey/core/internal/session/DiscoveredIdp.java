package dev.latchkey.core.internal.session;

import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.internal.auth.Discovery;
import dev.latchkey.core.internal.auth.IdpEndpoints;
import dev.latchkey.core.internal.auth.TokenEndpoint;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A broker's IdP, found through the broker's well-known document on first use and kept for the
 * session's life; a failed discovery is tried again next time.
 */
public final class DiscoveredIdp implements IdpConnection {

    private final URI broker;
    private final Duration callTimeout;
    private final Clock clock;
    private final AtomicReference<TokenEndpoint> endpoint = new AtomicReference<>();

    /** The IdP of {@code broker}, each call bounded by {@code callTimeout}. */
    public DiscoveredIdp(URI broker, Duration callTimeout, Clock clock) {
        this.broker = broker;
        this.callTimeout = callTimeout;
        this.clock = clock;
    }

    @Override
    public TokenEndpoint endpoint() throws AuthException {
        TokenEndpoint known = endpoint.get();
        if (known != null) {
            return known;
        }
        IdpEndpoints idp = new Discovery(callTimeout).discover(broker);
        endpoint.compareAndSet(null, new TokenEndpoint(idp, callTimeout, clock));
        return endpoint.get();
    }
}
