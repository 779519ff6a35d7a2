package dev.latchkey.broker.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Event streams held open and idle, as a crowd of desktop apps would hold them: spread over the
 * brokers, over users (each may hold 20), and over loopback addresses (each may hold 100).
 */
final class IdleStreams implements AutoCloseable {

    private static final int PER_ADDRESS = 50;

    private final List<SocketChannel> open = new ArrayList<>();
    private int refused;

    /** Opens {@code count} streams; {@code tokens} are used in turn. */
    static IdleStreams open(List<URI> targets, List<String> tokens, int count) throws IOException {
        IdleStreams streams = new IdleStreams();
        for (int i = 0; i < count; i++) {
            URI target = targets.get(i % targets.size());
            InetAddress from = InetAddress.getByName("127.0." + (1 + i / PER_ADDRESS / 250) + "." + (2 + i / PER_ADDRESS % 250));
            SocketChannel channel = SocketChannel.open();
            channel.bind(new InetSocketAddress(from, 0));
            channel.connect(new InetSocketAddress(target.getHost(), target.getPort()));
            String request = "GET /v1/events HTTP/1.1\r\nHost: " + target.getHost() + "\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + tokens.get(i % tokens.size()) + "\r\n\r\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer head = ByteBuffer.allocate(1024);
            channel.read(head);
            String status = new String(head.array(), 0, head.position(), StandardCharsets.US_ASCII);
            if (status.startsWith("HTTP/1.1 200")) {
                channel.configureBlocking(false);
                streams.open.add(channel);
            } else {
                streams.refused++;
                channel.close();
            }
        }
        return streams;
    }

    /** Streams the brokers refused to open. */
    int refused() {
        return refused;
    }

    /** Streams still open: each read drains what came (keep-alive comments); end of stream means closed. */
    int stillOpen() throws IOException {
        int alive = 0;
        ByteBuffer drain = ByteBuffer.allocate(4096);
        for (SocketChannel c : open) {
            int n;
            do {
                drain.clear();
                n = c.read(drain);
            } while (n > 0);
            if (n == 0) {
                alive++;
            }
        }
        return alive;
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel c : open) {
            c.close();
        }
    }
}
