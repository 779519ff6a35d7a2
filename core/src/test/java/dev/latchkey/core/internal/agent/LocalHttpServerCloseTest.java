package dev.latchkey.core.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A call still being answered when the server closes (the app signing out while a command asks)
 * gets its answer and a clean end of stream, and nothing is thrown on the server's threads.
 */
class LocalHttpServerCloseTest {

    @Test
    void aCallAnsweredAfterTheServerClosedEndsCleanly() throws Exception {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        List<String> problems = new CopyOnWriteArrayList<>();
        try {
            ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            LocalHttpServer server = new LocalHttpServer(channel, peer -> { }, (request, peer) -> {
                asked.countDown();
                try {
                    closed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return WireReply.json("{\"ok\":true}");
            }, Duration.ofSeconds(5), "close-test", problems::add);
            server.start();
            try (SocketChannel client = SocketChannel.open(channel.getLocalAddress())) {
                client.write(ByteBuffer.wrap("GET /v1/hello HTTP/1.1\r\nHost: local\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                assertThat(asked.await(10, TimeUnit.SECONDS)).as("the call reached its handler").isTrue();
                server.close();
                closed.countDown();

                String answer = readToEnd(client);
                assertThat(answer).startsWith("HTTP/1.1 200").endsWith("{\"ok\":true}");
            }
            Thread.sleep(200);
            assertThat(uncaught).as("thrown on the server's threads").isEmpty();
            assertThat(problems).isEmpty();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    /** Everything the server sends until it closes (10 s at most between reads). */
    static String readToEnd(SocketChannel client) throws Exception {
        client.socket().setSoTimeout(10_000);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        var in = client.socket().getInputStream();
        for (int n; (n = in.read(chunk)) >= 0; ) {
            all.write(chunk, 0, n);
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
