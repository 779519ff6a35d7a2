package dev.latchkey.broker.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hostile clients that hold connections to a broker by sending slowly: valid headers then one
 * body byte per tick, headers one byte per tick, or headers and then nothing. Whenever the broker
 * drops one, another takes its place, so {@link #held()} stays at the number asked for. They
 * connect from several loopback addresses, as many machines would, to stay under a per-address cap.
 */
public final class SlowClients implements AutoCloseable {

    /** How a slow client misbehaves. */
    public enum Kind { DRIP_BODY, DRIP_HEADERS, STALL_BODY }

    private static final long TICK_MILLIS = 500;

    private final URI base;
    private final String token;
    private final List<InetAddress> from;
    private final List<Slow> open = new ArrayList<>();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger answered408 = new AtomicInteger();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private int next;

    private SlowClients(URI base, String token, List<InetAddress> from) {
        this.base = base;
        this.token = token;
        this.from = from;
    }

    /** Opens {@code count} slow connections, the kinds taking turns, and keeps them open until closed. */
    public static SlowClients hold(URI base, String token, int count, List<InetAddress> from) throws IOException {
        SlowClients clients = new SlowClients(base, token, from);
        synchronized (clients.open) {
            for (int i = 0; i < count; i++) {
                clients.open.add(clients.connect(Kind.values()[i % Kind.values().length]));
            }
        }
        clients.ticker.scheduleWithFixedDelay(clients::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return clients;
    }

    /** Connections open now. */
    public int held() {
        synchronized (open) {
            return (int) open.stream().filter(s -> s.channel.isOpen()).count();
        }
    }

    /** Connections the broker has ended so far (each replaced at once). */
    public int dropped() {
        return dropped.get();
    }

    /** How many of those it ended with a 408 answer rather than a bare close. */
    public int answered408() {
        return answered408.get();
    }

    private Slow connect(Kind kind) throws IOException {
        InetAddress local = from.get(next++ % from.size());
        SocketChannel channel = SocketChannel.open();
        channel.bind(new InetSocketAddress(local, 0));
        channel.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        channel.configureBlocking(false);
        String head = "POST /v1/secrets:resolve HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
                + token + "\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n";
        Slow slow = new Slow(kind, channel, head.getBytes(StandardCharsets.US_ASCII));
        if (kind != Kind.DRIP_HEADERS) {
            channel.write(ByteBuffer.wrap(slow.head));
            slow.sent = slow.head.length;
        }
        return slow;
    }

    private void tick() {
        synchronized (open) {
            for (int i = 0; i < open.size(); i++) {
                Slow s = open.get(i);
                try {
                    if (s.ended()) {
                        dropped.incrementAndGet();
                        if (s.got408) {
                            answered408.incrementAndGet();
                        }
                        s.channel.close();
                        open.set(i, connect(s.kind));
                    } else {
                        s.drip();
                    }
                } catch (IOException e) {
                    dropped.incrementAndGet();
                    try {
                        s.channel.close();
                        open.set(i, connect(s.kind));
                    } catch (IOException again) {
                        // The next tick tries again.
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        synchronized (open) {
            for (Slow s : open) {
                try {
                    s.channel.close();
                } catch (IOException e) {
                    // Closing anyway.
                }
            }
        }
    }

    private static final class Slow {
        /** One buffer for every read of the ticking thread: a thousand reads a tick allocate nothing. */
        static final ThreadLocal<ByteBuffer> INBOX = ThreadLocal.withInitial(() -> ByteBuffer.allocate(512));

        final Kind kind;
        final SocketChannel channel;
        final byte[] head;
        int sent;
        boolean got408;

        Slow(Kind kind, SocketChannel channel, byte[] head) {
            this.kind = kind;
            this.channel = channel;
            this.head = head;
        }

        /** Whether the broker answered or closed the connection. */
        boolean ended() throws IOException {
            ByteBuffer in = INBOX.get().clear();
            int n = channel.read(in);
            if (n > 0) {
                got408 = new String(in.array(), 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 408");
                return true;
            }
            return n < 0;
        }

        void drip() throws IOException {
            switch (kind) {
                case DRIP_HEADERS -> {
                    if (sent < head.length) {
                        channel.write(ByteBuffer.wrap(head, sent, 1));
                        sent++;
                    }
                }
                case DRIP_BODY -> channel.write(ByteBuffer.wrap(new byte[] {' '}));
                case STALL_BODY -> {
                    // Headers sent; the promised body never comes.
                }
            }
        }
    }
}
