package dev.latchkey.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.RawHttp;
import dev.latchkey.broker.testing.SlowClients;
import dev.latchkey.broker.testing.TestBroker;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Slow and stalled clients cannot starve other users: a thousand of them held open while another
 * user's calls stay fast, and one address cannot take more than its share of connections.
 */
class SlowClientsTest {

    static final int SLOW = 1_000;
    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void aThousandSlowConnectionsLeaveAnotherUsersCallsFast() throws Exception {
        long fds = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        assertThat(fds).as("this test holds %d connections (twice that many descriptors in one JVM): raise the"
                + " open-files limit (ulimit -n) to at least 4096", SLOW).isGreaterThanOrEqualTo(4_096);
        // 20 client addresses, 50 connections each: under the per-address cap, as if from 20 machines.
        List<InetAddress> hostile = IntStream.rangeClosed(2, 21)
                .mapToObj(i -> address("127.0.0." + i)).toList();
        try (TestBroker broker = TestBroker.at(T0).start();
             SlowClients slow = SlowClients.hold(broker.url(), broker.issuer().token("mallory", "payments-dev"), SLOW, hostile)) {
            String ada = broker.issuer().token("ada", "payments-dev");
            List<Long> micros = new ArrayList<>();
            int minHeld = Integer.MAX_VALUE;
            long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                Api.Answer me = broker.api().get("/v1/me", ada);
                micros.add((System.nanoTime() - t0) / 1_000);
                assertThat(me.status()).isEqualTo(200);
                minHeld = Math.min(minHeld, slow.held());
                Thread.sleep(20);
            }
            Collections.sort(micros);
            long p50 = micros.get(micros.size() / 2);
            long p99 = micros.get((int) Math.ceil(micros.size() * 0.99) - 1);
            System.out.printf("%d calls beside %d slow connections (at least %d held; %d dropped by the broker,"
                    + " %d of them with a 408): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", micros.size(), SLOW, minHeld,
                    slow.dropped(), slow.answered408(), p50 / 1000.0, p99 / 1000.0, micros.getLast() / 1000.0);
            assertThat(minHeld).as("slow connections held throughout").isGreaterThanOrEqualTo(SLOW * 95 / 100);
            assertThat(slow.dropped()).as("the broker ends requests that arrive too slowly").isPositive();
            assertThat(slow.answered408()).as("and says so").isPositive();
            // Not a speed test (bench/broker-load.sh measures that): a call queued behind the slow
            // connections would wait until the broker drops one, a request stall or more. Half of
            // it, ten times the p99 measured on an idle machine, is a bound only starvation breaks.
            assertThat(p99).as("another user's p99, in microseconds: not queued behind the slow connections")
                    .isLessThan(ServerLimits.DEFAULTS.requestStall().toNanos() / 1_000 / 2);
        }
    }

    @Test
    void oneAddressGetsItsShareOfConnectionsAndNoMore() throws Exception {
        ServerLimits limits = ServerLimits.DEFAULTS.withConnectionsPerAddress(5);
        InetAddress greedy = address("127.0.0.30");
        try (TestBroker broker = TestBroker.at(T0).limits(limits).start()) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    held.add(heldOpen(broker, greedy));
                }
                RawHttp.Response sixth = ask(broker, greedy);
                assertThat(sixth.status()).as(sixth.body()).isEqualTo(429);
                assertThat(sixth.json().path("error").asText()).isEqualTo("too_many_connections");
                assertThat(sixth.header("Retry-After")).isEqualTo("5");
                assertThat(sixth.header("Connection")).isEqualTo("close");

                assertThat(ask(broker, address("127.0.0.31")).status()).as("another address is not affected")
                        .isEqualTo(200);

                held.removeFirst().close();
                // The broker frees the slot once it reads the close, a moment later (longer on a loaded
                // machine, where a fixed 200 ms pause was not always enough); until then the address is
                // still at its cap and is told to come back (429), as any client would be.
                Awaitility.await("a freed slot can be used again").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> ask(broker, greedy).status(), status -> status == 200);
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    private static RawHttp.Response ask(TestBroker broker, InetAddress from) throws Exception {
        try (Socket s = RawHttp.connect(broker.url(), from)) {
            long t0 = System.nanoTime();
            s.getOutputStream().write("GET /.well-known/latchkey HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return RawHttp.read(s, Duration.ofSeconds(10), t0);
        }
    }

    /**
     * A connection the broker has answered once and keeps open. An answer proves the broker counted
     * it: a socket only connected may still wait in the accept queue when the next one arrives.
     */
    private static Socket heldOpen(TestBroker broker, InetAddress from) throws Exception {
        Socket s = RawHttp.connect(broker.url(), from);
        long t0 = System.nanoTime();
        s.getOutputStream().write("GET /.well-known/latchkey HTTP/1.1\r\nHost: t\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(RawHttp.read(s, Duration.ofSeconds(10), t0).status()).isEqualTo(200);
        return s;
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
