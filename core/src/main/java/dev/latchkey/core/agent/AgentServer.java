package dev.latchkey.core.agent;

import dev.latchkey.core.internal.agent.AgentError;
import dev.latchkey.core.internal.agent.AgentFailure;
import dev.latchkey.core.internal.agent.LocalHttpServer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The agent's listening half: a Unix domain socket (0600 in a 0700 folder) that serves
 * {@link AgentService} to processes of the same user only. The peer's user comes from the kernel
 * ({@code SO_PEERCRED}) and is compared with the owner of the socket's folder before a byte of
 * the request is read; anyone else gets {@code forbidden}.
 *
 * <p>Start it with {@link #start}; it refuses when another agent (or anything) listens on the path
 * and replaces a socket file nobody listens on. {@link #close()} removes the socket.
 */
public final class AgentServer implements AutoCloseable {

    /** How long a client may take to send its request. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    private final AgentPaths paths;
    private final LocalHttpServer http;
    private final AgentRefresher refresher;

    private AgentServer(AgentPaths paths, LocalHttpServer http, AgentRefresher refresher) {
        this.paths = paths;
        this.http = http;
        this.refresher = refresher;
    }

    /**
     * Binds the socket and starts serving.
     *
     * @param problems hears one line per unexpected failure of a connection (no values)
     * @throws AgentBusyException when another agent already answers on the path
     * @throws IOException when the socket cannot be bound
     */
    public static AgentServer start(AgentPaths paths, AgentService service, Consumer<String> problems)
            throws IOException, AgentBusyException {
        paths.prepareFolder();
        if (Files.exists(paths.socket())) {
            var other = AgentClient.probe(paths, AgentClient.FALLBACK_TIMEOUT);
            if (other.isPresent()) {
                throw new AgentBusyException("another Latchkey agent (pid " + other.get().pid() + ") already serves "
                        + paths.socket() + "; stop it first");
            }
            if (listening(paths)) {
                // A slow agent must not lose its socket to a second one: only a file nobody listens on is replaced.
                throw new AgentBusyException("a process listens on " + paths.socket()
                        + " but does not answer as an agent; stop it, or remove the file if no agent runs");
            }
            Files.deleteIfExists(paths.socket()); // a stale file from an agent that ended without cleaning up
        }
        UserPrincipal owner = Files.getOwner(paths.folder());
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(paths.socket()));
            Files.setPosixFilePermissions(paths.socket(), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        LocalHttpServer http = new LocalHttpServer(channel, peer -> admit(peer, owner), service::handle,
                READ_TIMEOUT, "latchkey-agent", problems);
        http.start();
        return new AgentServer(paths, http, service.keepFresh());
    }

    private static boolean listening(AgentPaths paths) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(paths.socket()));
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static void admit(SocketChannel peer, UserPrincipal owner) throws AgentFailure {
        UnixDomainPrincipal who;
        try {
            who = peer.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (IOException | UnsupportedOperationException e) {
            throw new AgentFailure(AgentError.FORBIDDEN, "the agent cannot tell which user connected, so it answers nobody");
        }
        if (!who.user().equals(owner)) {
            throw new AgentFailure(AgentError.FORBIDDEN, "this agent serves only its own user");
        }
    }

    /** The socket this agent serves. */
    public AgentPaths paths() {
        return paths;
    }

    /** Stops serving and removes the socket file. */
    @Override
    public void close() {
        http.close();
        refresher.close();
        try {
            Files.deleteIfExists(paths.socket());
        } catch (IOException ignored) {
            // The runtime folder is cleared at logout; a left file is replaced by the next agent.
        }
    }
}
