package dev.latchkey.broker.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every HTTP connection of the broker's connector: counts them per client address (a
 * connection over {@link ServerLimits#connectionsPerAddress()} is marked, and its first request
 * refused), and ends requests whose headers and body do not arrive in time. Jetty bounds the
 * silence on a connection; this bounds a request that trickles in a byte at a time.
 */
public final class ConnectionWatch extends AbstractLifeCycle implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionWatch.class);
    private static final long SWEEP_MILLIS = 250;

    private final ServerLimits limits;
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final Map<HttpConnection, Arrival> open = new ConcurrentHashMap<>();
    private final Set<Connection> overCap = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService sweeper;

    public ConnectionWatch(ServerLimits limits) {
        this.limits = limits;
    }

    /** Whether the connection behind a request is one more than its address may hold. */
    public boolean overCap(ConnectionMetaData connection) {
        return connection != null && overCap.contains(connection.getConnection());
    }

    /** Connections open now from {@code address}. */
    int openFrom(InetAddress address) {
        AtomicInteger n = perAddress.get(address);
        return n == null ? 0 : n.get();
    }

    @Override
    public void onOpened(Connection connection) {
        if (!(connection instanceof HttpConnection http)) {
            return; // the TLS layer under an HTTP connection: the HTTP connection is counted
        }
        InetAddress address = address(http.getEndPoint().getRemoteSocketAddress());
        Arrival arrival = new Arrival(address);
        open.put(http, arrival);
        if (address != null) {
            int count = perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            if (limits.connectionsPerAddress() > 0 && count > limits.connectionsPerAddress()) {
                overCap.add(http);
            }
        }
    }

    @Override
    public void onClosed(Connection connection) {
        if (!(connection instanceof HttpConnection http)) {
            return;
        }
        overCap.remove(http);
        Arrival arrival = open.remove(http);
        if (arrival != null && arrival.address != null) {
            perAddress.computeIfPresent(arrival.address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    @Override
    protected void doStart() {
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("latchkey-request-deadlines")
                .factory());
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
    }

    private void sweep() {
        long now = System.nanoTime();
        open.forEach((http, arrival) -> {
            try {
                check(http, arrival, now);
            } catch (RuntimeException e) {
                LOG.warn("checking a connection's request deadline failed: {}", e.toString());
            }
        });
    }

    private void check(HttpConnection http, Arrival arrival, long now) {
        Phase phase = Phase.of(http.getParser().getState());
        if (phase == Phase.BETWEEN) {
            arrival.request = -1;
            return;
        }
        // The header phase belongs to the request after the last one counted; the body to the last one.
        long request = phase == Phase.HEADERS ? http.getMessagesIn() + 1 : http.getMessagesIn();
        long bytes = http.getBytesIn();
        if (arrival.request != request) {
            arrival.start(request, bytes, now);
            return;
        }
        if (bytes != arrival.bytes) {
            arrival.bytes = bytes;
            arrival.progressAt = now;
        }
        if (arrival.ended) {
            return;
        }
        Duration taken = Duration.ofNanos(now - arrival.startedAt);
        Duration silent = Duration.ofNanos(now - arrival.progressAt);
        if (taken.compareTo(limits.requestRead()) > 0 || silent.compareTo(limits.requestStall()) > 0) {
            arrival.ended = true;
            end(http, phase);
        }
    }

    /**
     * Ends a late request. In the body a handler is reading: its read fails as on an idle timeout
     * (Jetty's own path for one) and it answers 408 itself. In the headers no handler exists yet,
     * so the answer is written here.
     */
    private void end(HttpConnection http, Phase phase) {
        EndPoint endPoint = http.getEndPoint();
        if (phase == Phase.BODY) {
            HttpChannel.IdleTimeoutTask task = http.getHttpChannel()
                    .onIdleTimeout(new TimeoutException(timeoutMessage(limits)));
            if (task.handlingRequest()) {
                ThreadPool.executeImmediately(http.getConnector().getExecutor(), task.action());
            } else {
                endPoint.close();
            }
            return;
        }
        byte[] body = JsonErrorPage.body("request_timeout", timeoutMessage(limits))
                .getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
        ByteBuffer answer = ByteBuffer.allocate(head.length() + body.length);
        answer.put(head.getBytes(StandardCharsets.US_ASCII)).put(body).flip();
        endPoint.write(Callback.from(endPoint::close, failure -> endPoint.close()), answer);
    }

    /** What a client that sent too slowly is told. */
    static String timeoutMessage(ServerLimits limits) {
        return "the request did not arrive in time: send its headers and body within "
                + limits.requestRead().toSeconds() + " s, without a pause over " + limits.requestStall().toSeconds()
                + " s";
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** Where a connection's parser is: between requests, in a request's headers, or in its body. */
    private enum Phase {
        BETWEEN, HEADERS, BODY;

        static Phase of(HttpParser.State state) {
            return switch (state) {
                case START, END, CLOSE, CLOSED -> BETWEEN;
                case METHOD, RESPONSE_VERSION, SPACE1, STATUS, URI, SPACE2, REQUEST_VERSION, REASON, PROXY, HEADER ->
                        HEADERS;
                case CONTENT, EOF_CONTENT, CHUNKED_CONTENT, CHUNK_SIZE, CHUNK, CHUNK_END, CONTENT_END, TRAILER -> BODY;
            };
        }
    }

    /** The request a connection is receiving, as the sweeps saw it arrive. */
    private static final class Arrival {
        final InetAddress address;
        long request = -1;
        long startedAt;
        long bytes;
        long progressAt;
        boolean ended;

        Arrival(InetAddress address) {
            this.address = address;
        }

        void start(long request, long bytes, long now) {
            this.request = request;
            this.startedAt = now;
            this.bytes = bytes;
            this.progressAt = now;
            this.ended = false;
        }
    }
}
