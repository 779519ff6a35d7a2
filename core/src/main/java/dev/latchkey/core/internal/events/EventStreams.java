package dev.latchkey.core.internal.events;

import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.events.EventStream;
import dev.latchkey.core.internal.brokerapi.Initializing;
import java.util.Objects;
import java.util.function.Function;

/**
 * How core builds an {@link EventStream}, whose constructors are package-private so the app and
 * the CLI take their streams from the facade ({@code Latchkey.events}). The stream hands its
 * constructor here when its class initializes, as {@code BrokerClients} does for the client.
 */
public final class EventStreams {

    private static volatile Function<BrokerClient, EventStream> constructor;

    private EventStreams() {
    }

    /** Called once by {@link EventStream}'s static initializer. */
    public static void register(Function<BrokerClient, EventStream> value) {
        constructor = Objects.requireNonNull(value, "value");
    }

    /** The event stream of {@code client}'s broker, read with the client's token. */
    public static EventStream create(BrokerClient client) {
        Function<BrokerClient, EventStream> c = constructor;
        if (c == null) {
            Initializing.initialize(EventStream.class);
            c = constructor;
        }
        return c.apply(client);
    }
}
