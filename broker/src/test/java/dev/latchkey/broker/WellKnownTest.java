package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.testing.ApiContract;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WellKnownTest {

    @Test
    void aDevBrokerTellsClientsWhereToSignIn() throws Exception {
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev());
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(broker.url().resolve("/.well-known/latchkey"))
                            .timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            ApiContract.check(response);

            assertThat(broker.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"clientId\":\"latchkey\"", "\"issuer\":\"http://127.0.0.1:");
        }
    }
}
