package dev.latchkey.core.internal.brokerapi;

import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * How core builds a {@link BrokerClient}, whose constructor is package-private so the app and the
 * CLI take their clients from the facade ({@code Latchkey.brokerClient}, {@code Session.brokerClient}),
 * and makes the calls only core makes (the leak guard's exposure reports), which stay off the
 * client's public API. The client hands its {@link Access} here when its class initializes, as the
 * JDK's shared secrets do.
 */
public final class BrokerClients {

    /** What {@link BrokerClient} opens to the rest of core. */
    public interface Access {

        /** A new client; see {@link BrokerClients#create}. */
        BrokerClient create(URI base, BearerToken token);

        /** See {@link BrokerClients#reportExposures}. */
        List<String> reportExposures(BrokerClient client, String source, Collection<Exposure> exposures) throws BrokerException;
    }

    private static volatile Access access;

    private BrokerClients() {
    }

    /** Called once by {@link BrokerClient}'s static initializer. */
    public static void register(Access value) {
        access = Objects.requireNonNull(value, "value");
    }

    /**
     * A client for the broker at {@code base}, calling with {@code token}.
     *
     * @throws IllegalArgumentException when the URL is not https and not loopback
     */
    public static BrokerClient create(URI base, BearerToken token) {
        return access().create(base, token);
    }

    /**
     * {@code POST /v1/exposures}: tells the broker how often the leak guard found its secrets
     * (counts by reference only).
     *
     * @param source where they were found: {@code pre-commit}, {@code pre-push}, {@code history} or {@code scan}
     * @return the broker's hints, such as "rotate latchkey://payments/dev/db-url: it reached a remote"
     */
    public static List<String> reportExposures(BrokerClient client, String source, Collection<Exposure> exposures)
            throws BrokerException {
        return access().reportExposures(client, source, exposures);
    }

    private static Access access() {
        Access a = access;
        if (a == null) {
            Initializing.initialize(BrokerClient.class);
            a = access;
        }
        return a;
    }
}
