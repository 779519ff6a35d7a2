package dev.latchkey.core.brokerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A broker that does not answer is described by the wait that ran out, never another one. */
class BrokerTimeoutsTest {

    static final String TOKEN = "token-that-must-not-appear";

    @Test
    void aBrokerThatAcceptsNoConnectionIsNamedForTheConnectionWait() throws Exception {
        // A listening socket whose accept queue is full: the kernel drops further handshakes.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
                    } catch (SocketTimeoutException e) {
                        // The queue is full already.
                    }
                    queued.add(s);
                }
                BrokerCalls calls = new BrokerCalls(url(full), () -> TOKEN, Duration.ofMillis(500), Duration.ofSeconds(3));
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> calls.get("GET /v1/me", calls.url("/v1/me"), true))
                        .isInstanceOf(BrokerUnreachableException.class)
                        .hasMessageContaining("did not accept a connection within 500 ms")
                        .hasMessageNotContaining("3 s").hasMessageNotContaining(TOKEN);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aBrokerThatAcceptsButNeverAnswersIsNamedForTheCallWait() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new ArrayList<>();
        Thread acceptor = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    held.add(silent.accept()); // and never a byte back
                }
            } catch (IOException e) {
                // Closed by the test.
            }
        });
        try {
            BrokerCalls calls = new BrokerCalls(url(silent), () -> TOKEN, Duration.ofSeconds(3), Duration.ofMillis(700));
            assertThatThrownBy(() -> calls.get("GET /v1/me", calls.url("/v1/me"), true))
                    .isInstanceOf(BrokerUnreachableException.class)
                    .hasMessageContaining("did not answer GET /v1/me within 700 ms")
                    .hasMessageNotContaining(TOKEN);
        } finally {
            silent.close();
            acceptor.join(Duration.ofSeconds(5));
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void waitsAreSaidAsPeopleSayThem() {
        assertThat(BrokerCalls.words(Duration.ofSeconds(15))).isEqualTo("15 s");
        assertThat(BrokerCalls.words(Duration.ofMillis(500))).isEqualTo("500 ms");
    }

    private static URI url(ServerSocket s) {
        return URI.create("http://127.0.0.1:" + s.getLocalPort());
    }
}
