package dev.latchkey.core.agent;

import dev.latchkey.core.internal.agent.AgentError;
import dev.latchkey.core.internal.agent.AgentFailure;
import dev.latchkey.core.internal.agent.LocalHttpServer;
import dev.latchkey.core.internal.agent.LaunchTreePeers;
import dev.latchkey.core.internal.agent.LaunchTreePeers.Reader;
import dev.latchkey.core.internal.agent.WireReply;
import dev.latchkey.core.internal.agent.WireRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A launch's refresh endpoint: {@code GET /v1/credentials} on a loopback port, for the launched
 * process tree only. The child gets {@value #URL_VARIABLE} and {@value #TOKEN_VARIABLE} (a random
 * bearer made for this launch); a caller must present the token AND be the child or one of its
 * descendants (its socket found among their open files through {@code /proc}), of the same uid.
 * Closing the endpoint (when the child ends) kills the token with it.
 *
 * <p>Loopback TCP rather than a Unix socket because any HTTP client in any language reaches it
 * from {@code LATCHKEY_CREDENTIALS_URL}; the peer check is by process tree, not by address.
 */
public final class LaunchEndpoint implements AutoCloseable {

    /** The variable holding the endpoint's URL. */
    public static final String URL_VARIABLE = "LATCHKEY_CREDENTIALS_URL";
    /** The variable holding the launch's bearer token. */
    public static final String TOKEN_VARIABLE = "LATCHKEY_CREDENTIALS_TOKEN";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /** How long a call waits for its launch to learn the child's pid (see {@link #childOnceStarted}). */
    private static final Duration START_WAIT = Duration.ofSeconds(2);

    private final LocalHttpServer http;
    private final String url;
    private final byte[] token;
    private final LaunchTreePeers tree = new LaunchTreePeers();
    private final EndpointAudit audit;
    /** The process of the launch's tree each admitted connection belongs to, for the audit (weak: closed ones go). */
    private final Map<SocketChannel, Reader> readers = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile boolean open = true;

    private LaunchEndpoint(ServerSocketChannel channel, LaunchCredentials credentials, Supplier<OptionalLong> child,
                           Consumer<String> problems, EndpointAudit audit) throws IOException {
        this.audit = audit;
        int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        this.url = "http://127.0.0.1:" + port + "/v1/credentials";
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
        this.http = new LocalHttpServer(channel, peer -> admit(peer, port, child), (request, peer) -> serve(request, peer, credentials, child),
                READ_TIMEOUT, "latchkey-credentials", problems, true);
    }

    /**
     * Opens the endpoint on a free loopback port.
     *
     * @param child the launch's current child, empty before it starts (a call then waits up to 2 s for
     *     it, and is refused if none comes)
     */
    public static LaunchEndpoint open(LaunchCredentials credentials, Supplier<OptionalLong> child, Consumer<String> problems)
            throws IOException {
        return open(credentials, child, problems, EndpointAudit.NONE);
    }

    /**
     * Opens the endpoint on a free loopback port, recording each read in {@code audit} (closed with the endpoint).
     *
     * @param child the launch's current child, empty before it starts (a call then waits up to 2 s for
     *     it, and is refused if none comes)
     */
    public static LaunchEndpoint open(LaunchCredentials credentials, Supplier<OptionalLong> child, Consumer<String> problems,
                                      EndpointAudit audit) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        LaunchEndpoint endpoint = new LaunchEndpoint(channel, credentials, child, problems, audit);
        endpoint.http.start();
        return endpoint;
    }

    /** The variables the child gets: the URL and the launch's token. */
    public Map<String, String> childVariables() {
        return Map.of(URL_VARIABLE, url, TOKEN_VARIABLE, new String(token, StandardCharsets.US_ASCII));
    }

    /** The endpoint's URL. */
    public String url() {
        return url;
    }

    private void admit(SocketChannel peer, int ourPort, Supplier<OptionalLong> child) throws AgentFailure {
        if (!open) {
            throw new AgentFailure(AgentError.UNAUTHORIZED, "this launch has ended");
        }
        OptionalLong pid = childOnceStarted(child);
        if (pid.isEmpty() || !ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
            throw new AgentFailure(AgentError.UNAUTHORIZED, "this launch's program is not running");
        }
        int peerPort;
        try {
            peerPort = ((InetSocketAddress) peer.getRemoteAddress()).getPort();
        } catch (IOException e) {
            throw new AgentFailure(AgentError.FORBIDDEN, "the caller cannot be identified");
        }
        Reader reader = tree.reader(pid.getAsLong(), peerPort, ourPort).orElseThrow(() ->
                new AgentFailure(AgentError.FORBIDDEN, "only the launched program and its children may read this endpoint"));
        readers.put(peer, reader);
    }

    /**
     * The child's pid, waiting up to {@link #START_WAIT} while there is none yet: the child runs from
     * its exec on, but its launch learns the pid only when the start returns, and a child that asks at
     * once (a shell's first {@code curl}) must not be refused for that moment. The wait ends at once
     * when the endpoint closes; nothing but a child's start can make it long.
     */
    private OptionalLong childOnceStarted(Supplier<OptionalLong> child) {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        OptionalLong pid = child.get();
        while (pid.isEmpty() && open && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pid = child.get();
        }
        return pid;
    }

    private WireReply serve(WireRequest request, SocketChannel peer, LaunchCredentials credentials,
                            Supplier<OptionalLong> child) throws AgentFailure {
        if (!request.path().equals("/v1/credentials")) {
            throw new AgentFailure(request.path().matches("/v[0-9]+/.*") && !request.path().startsWith("/v1/")
                    ? AgentError.UNSUPPORTED_VERSION : AgentError.NOT_FOUND, "the one call here is GET /v1/credentials");
        }
        if (!request.method().equals("GET")) {
            throw new AgentFailure(AgentError.METHOD_NOT_ALLOWED, "/v1/credentials takes GET");
        }
        String auth = request.header("Authorization").orElse("");
        byte[] given = auth.startsWith("Bearer ") ? auth.substring(7).strip().getBytes(StandardCharsets.US_ASCII) : new byte[0];
        if (!open || !MessageDigest.isEqual(given, token)) {
            throw new AgentFailure(AgentError.UNAUTHORIZED, "send Authorization: Bearer $" + TOKEN_VARIABLE);
        }
        boolean env = request.query().equals("format=env")
                || request.header("Accept").map(a -> a.startsWith("text/plain")).orElse(false);
        WireReply reply = env ? new WireReply(200, "text/plain; charset=utf-8", credentials.dotenvAnswer())
                : new WireReply(200, "application/json", credentials.jsonAnswer());
        Reader reader = readers.remove(peer);
        if (reader != null && audit != EndpointAudit.NONE) {
            credentials.served((version, refs, sandboxes) -> audit.served(reader, child.get().orElse(-1), version, refs,
                    sandboxes));
        }
        return reply;
    }

    /** Stops serving; the launch's token is refused from now on. */
    @Override
    public void close() {
        open = false;
        http.close();
        audit.close();
    }
}
