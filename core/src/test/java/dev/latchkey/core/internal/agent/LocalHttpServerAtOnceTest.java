package dev.latchkey.core.internal.agent;

import static dev.latchkey.core.internal.agent.LocalHttpServerCloseTest.readToEnd;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that answers on its accepting thread (a launch's refresh endpoint) answers what arrived
 * whole there, and anything else as every server does: a request arriving in pieces, a malformed
 * one, a refused peer, a client that sends nothing, a client that sends more than one request.
 */
class LocalHttpServerAtOnceTest {

    private static final String GET = "GET /v1/credentials HTTP/1.1\r\nHost: local\r\nAuthorization: Bearer x\r\n\r\n";

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Set<String> answeredOn = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refuse = new AtomicInteger();
    private final AtomicInteger slowGates = new AtomicInteger();
    private ServerSocketChannel channel;
    private LocalHttpServer server;

    @BeforeEach
    void start() throws Exception {
        channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        server = new LocalHttpServer(channel, peer -> {
            if (slowGates.getAndDecrement() > 0) {
                sleep(300);
            }
            if (refuse.get() > 0) {
                throw new AgentFailure(AgentError.FORBIDDEN, "not of this launch");
            }
        }, (request, peer) -> {
            answeredOn.add(Thread.currentThread().isVirtual() ? "virtual" : Thread.currentThread().getName());
            return WireReply.json("{\"path\":\"" + request.path() + "\"}");
        }, Duration.ofMillis(1500), "at-once-test", problems::add, true);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        assertThat(problems).isEmpty();
    }

    @Test
    void aWholeRequestIsAnsweredOnTheAcceptingThread() throws Exception {
        slowGates.set(1);
        try (SocketChannel first = SocketChannel.open(channel.getLocalAddress());
             SocketChannel second = SocketChannel.open(channel.getLocalAddress())) {
            // The accepting thread is held by the first one's gate: the second's request is whole when it is accepted.
            send(second, GET);
            send(first, GET);
            assertThat(readToEnd(second)).startsWith("HTTP/1.1 200").endsWith("{\"path\":\"/v1/credentials\"}");
            assertThat(readToEnd(first)).startsWith("HTTP/1.1 200");
        }
        assertThat(answeredOn).contains("at-once-test-accept");
    }

    @Test
    void aRequestArrivingInPiecesIsAnsweredOnItsOwnThread() throws Exception {
        try (SocketChannel client = SocketChannel.open(channel.getLocalAddress())) {
            Thread.sleep(250); // accepted before any byte came
            send(client, GET.substring(0, 10));
            Thread.sleep(250);
            send(client, GET.substring(10));
            assertThat(readToEnd(client)).startsWith("HTTP/1.1 200").endsWith("{\"path\":\"/v1/credentials\"}");
        }
        assertThat(answeredOn).containsExactly("virtual");
    }

    @Test
    void aMalformedRequestGetsItsTypedError() throws Exception {
        try (SocketChannel client = SocketChannel.open(channel.getLocalAddress())) {
            send(client, "GET nowhere HTTP/1.1\r\n\r\n");
            assertThat(readToEnd(client)).startsWith("HTTP/1.1 400").contains("\"type\":\"bad_request\"");
        }
        assertThat(answeredOn).isEmpty();
    }

    @Test
    void aSecondRequestOnTheConnectionIsOutOfOrder() throws Exception {
        try (SocketChannel client = SocketChannel.open(channel.getLocalAddress())) {
            send(client, GET + GET);
            assertThat(readToEnd(client)).startsWith("HTTP/1.1 400").contains("\"type\":\"out_of_order\"");
        }
    }

    @Test
    void aRefusedPeerIsNotAnswered() throws Exception {
        refuse.set(1);
        try (SocketChannel client = SocketChannel.open(channel.getLocalAddress())) {
            send(client, GET);
            assertThat(readToEnd(client)).startsWith("HTTP/1.1 403").contains("not of this launch");
        }
        assertThat(answeredOn).isEmpty();
    }

    @Test
    void aClientThatSendsNothingTimesOut() throws Exception {
        try (SocketChannel client = SocketChannel.open(channel.getLocalAddress())) {
            assertThat(readToEnd(client)).startsWith("HTTP/1.1 408").contains("\"type\":\"timeout\"");
        }
        assertThat(answeredOn).isEmpty();
    }

    @Test
    void manyClientsAtOnceAreEachAnswered() throws Exception {
        List<SocketChannel> clients = new CopyOnWriteArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                SocketChannel c = SocketChannel.open(channel.getLocalAddress());
                clients.add(c);
                send(c, GET);
            }
            for (SocketChannel c : clients) {
                assertThat(readToEnd(c)).startsWith("HTTP/1.1 200");
            }
        } finally {
            for (SocketChannel c : clients) {
                c.close();
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(SocketChannel client, String text) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            client.write(b);
        }
    }
}
