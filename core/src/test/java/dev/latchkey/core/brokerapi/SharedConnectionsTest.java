package dev.latchkey.core.brokerapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.internal.http.SharedHttpClient;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** Broker calls ride core's one shared connection pool (OkHttp: "OkHttpClients should be shared"). */
class SharedConnectionsTest {

    @Test
    void aBrokerCallLeavesItsConnectionInTheSharedPoolWithItsOwnTimeouts() throws Exception {
        try (MockWebServer broker = new MockWebServer()) {
            broker.start(InetAddress.getLoopbackAddress(), 0);
            broker.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body("{}").build());
            SharedHttpClient.shared().connectionPool().evictAll();
            int before = SharedHttpClient.shared().connectionPool().connectionCount();
            String base = broker.url("/").toString();
            BrokerCalls calls = new BrokerCalls(URI.create(base.substring(0, base.length() - 1)), () -> "t",
                    Duration.ofSeconds(2), Duration.ofSeconds(4));

            calls.get("GET /v1/me", calls.url("/v1/me"), true);

            assertThat(SharedHttpClient.shared().connectionPool().connectionCount())
                    .as("the idle connection sits in the shared pool, ready for the next client").isGreaterThan(before);
            assertThat(SharedHttpClient.shared().callTimeoutMillis()).as("even the shared client has a timeout")
                    .isPositive();
        }
    }
}
