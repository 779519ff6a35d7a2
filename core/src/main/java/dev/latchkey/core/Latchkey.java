package dev.latchkey.core;

import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.BrokerInfo;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.events.EventStream;
import dev.latchkey.core.internal.brokerapi.BrokerClients;
import dev.latchkey.core.internal.events.EventStreams;
import dev.latchkey.core.keychain.KeychainPromptListener;
import java.net.URI;

/**
 * The front door of the core library for the app and the CLI: sessions, broker clients and event
 * streams all start here (or at a {@link Session}); their constructors are not part of the API.
 */
public final class Latchkey {

    private Latchkey() {
    }

    /**
     * A session with {@code broker} using the OS keychain, or a memory-only session when the
     * keychain does not answer within {@link dev.latchkey.core.internal.keychain.KeychainProbe#DEFAULT_BOUND}.
     * Check {@link Session#storageMode()} and show it when it is memory-only.
     */
    public static Session session(URI broker) {
        return Session.builder(broker).build();
    }

    /**
     * The same, telling {@code prompts} when the keychain shows a prompt that Latchkey waits for
     * (a locked keychain asks for its password; up to 60 s), so the person knows to answer it.
     */
    public static Session session(URI broker, KeychainPromptListener prompts) {
        return Session.builder(broker).keychainPrompts(prompts).build();
    }

    /**
     * A client for the broker at {@code broker} that calls with {@code token}: for a token that
     * does not come from a {@link Session} of this process, such as one served by the local agent.
     * With a session at hand, {@link Session#brokerClient()} is shorter. Share one client per
     * broker and token; it is safe for use by several threads.
     *
     * @throws IllegalArgumentException when the URL is not https and not loopback
     */
    public static BrokerClient brokerClient(URI broker, BearerToken token) {
        return BrokerClients.create(broker, token);
    }

    /**
     * Asks the broker at {@code broker} for its well-known document, which needs no sign-in: for
     * checking a URL a person typed before anyone signs in to it.
     *
     * @throws BrokerException when the broker cannot be reached or its answer cannot be read
     * @throws IllegalArgumentException when the URL is not https and not loopback
     */
    public static BrokerInfo probe(URI broker) throws BrokerException {
        return BrokerClients.create(broker, () -> {
            throw new NotSignedInException("not signed in yet");
        }).info();
    }

    /**
     * The event stream of {@code client}'s broker, read with the client's token: decisions on
     * access requests and grants that start, end or are revoked, as they happen. Nothing is read
     * until {@link EventStream#subscribe} is called.
     */
    public static EventStream events(BrokerClient client) {
        return EventStreams.create(client);
    }
}
