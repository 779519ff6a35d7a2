package dev.latchkey.core.internal.brokerapi;

import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.brokerapi.BrokerClient;
import java.net.URI;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * How core builds a {@link BrokerClient}, whose constructor is package-private so the app and the
 * CLI take their clients from the facade ({@code Latchkey.brokerClient}, {@code Session.brokerClient}).
 * The client hands its constructor here when its class initializes, as the JDK's shared secrets do;
 * callers elsewhere in core (the agent, the leak guard's exposure reports) build through here.
 */
public final class BrokerClients {

    private static volatile BiFunction<URI, BearerToken, BrokerClient> constructor;

    private BrokerClients() {
    }

    /** Called once by {@link BrokerClient}'s static initializer. */
    public static void register(BiFunction<URI, BearerToken, BrokerClient> value) {
        constructor = Objects.requireNonNull(value, "value");
    }

    /**
     * A client for the broker at {@code base}, calling with {@code token}.
     *
     * @throws IllegalArgumentException when the URL is not https and not loopback
     */
    public static BrokerClient create(URI base, BearerToken token) {
        BiFunction<URI, BearerToken, BrokerClient> c = constructor;
        if (c == null) {
            Initializing.initialize(BrokerClient.class);
            c = constructor;
        }
        return c.apply(base, token);
    }
}
