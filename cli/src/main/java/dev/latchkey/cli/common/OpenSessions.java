package dev.latchkey.cli.common;

import dev.latchkey.core.Session;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * This process's sessions, one per broker, made on first need (each opens the keychain); and
 * which of them are made already, for a part of the command that may use an open one but would
 * not open one itself (a launch's leak guard borrows the keychain of the session whose token
 * fetched the values, {@link Session#sharedKeychain()}).
 */
public final class OpenSessions implements Function<URI, Session> {

    private final Map<URI, Session> open = new ConcurrentHashMap<>();
    private final Function<URI, Session> make;

    public OpenSessions(Function<URI, Session> make) {
        this.make = make;
    }

    @Override
    public Session apply(URI broker) {
        return open.computeIfAbsent(broker, make);
    }

    /** The session for {@code broker} if this process made it already; asking opens nothing. */
    public Optional<Session> ifOpen(URI broker) {
        return Optional.ofNullable(open.get(broker));
    }
}
