package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.devidp.DevClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code --dev-clock}: a dev broker whose time stands still until a test posts the next one. */
class DevClockTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> set(URI broker, String now) throws Exception {
        return http.send(HttpRequest.newBuilder(broker.resolve(DevClock.PATH)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("now=" + now)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theClockStandsUntilPostedAndOnlyMovesForward() throws Exception {
        BrokerConfig config = BrokerMain.parse("--dev", "--port", "0", "--dev-clock", T0.toString());
        assertThat(config.clock().instant()).isEqualTo(T0);
        Thread.sleep(20);
        assertThat(config.clock().instant()).as("it stands still").isEqualTo(T0);
        try (RunningBroker broker = LatchkeyBroker.start(config)) {
            assertThat(set(broker.url(), "2026-11-29T10:06:00Z").statusCode()).isEqualTo(204);
            assertThat(config.clock().instant()).isEqualTo(Instant.parse("2026-11-29T10:06:00Z"));

            HttpResponse<String> back = set(broker.url(), T0.toString());
            assertThat(back.statusCode()).isEqualTo(400);
            assertThat(back.body()).contains("only moves forward");
            HttpResponse<String> garbled = set(broker.url(), "soon");
            assertThat(garbled.statusCode()).isEqualTo(400);
            assertThat(garbled.body()).contains("ISO-8601");
            assertThat(config.clock().instant()).isEqualTo(Instant.parse("2026-11-29T10:06:00Z"));
        }
    }

    @Test
    void aBrokerOnTheRealClockHasNoClockToSet() throws Exception {
        try (RunningBroker broker = LatchkeyBroker.start(BrokerMain.parse("--dev", "--port", "0"))) {
            assertThat(set(broker.url(), "2099-01-01T00:00:00Z").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void withoutDevModeTheOptionChangesNothing() {
        assertThat(BrokerMain.parse("--issuer", "https://sso.example.com/realms/acme", "--dev-clock", T0.toString())
                .clock()).isNotInstanceOf(DevClock.class);
    }
}
