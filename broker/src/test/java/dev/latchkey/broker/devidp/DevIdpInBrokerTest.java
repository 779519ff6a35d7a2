package dev.latchkey.broker.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.testing.ApiContract;
import dev.latchkey.testsupport.MutableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dev IdP mounted in a real dev-mode broker: its tokens open the broker's API, until they expire. */
class DevIdpInBrokerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDeviceSignInAtTheBrokersIdpOpensTheApiUntilTheTokenExpires() throws Exception {
        MutableClock clock = MutableClock.atNow();
        BrokerConfig config = BrokerConfig.dev().withClock(clock).withDevTokenTtl(Duration.ofSeconds(60))
                .withDevPollInterval(Duration.ofSeconds(1)).withDevDeviceCodeTtl(Duration.ofSeconds(30));
        try (RunningBroker broker = LatchkeyBroker.start(config);
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            URI base = broker.url();
            JsonNode wellKnown = json(http.send(get(base.resolve("/.well-known/latchkey")), body()));
            String issuer = wellKnown.get("issuer").asText();
            assertThat(issuer).isEqualTo(base + "/dev-idp");
            assertThat(wellKnown.get("clientId").asText()).isEqualTo("latchkey");
            JsonNode discovery = json(http.send(get(URI.create(issuer + "/.well-known/openid-configuration")), body()));
            assertThat(discovery.get("issuer").asText()).isEqualTo(issuer);

            JsonNode started = json(http.send(post(discovery.get("device_authorization_endpoint").asText(),
                    Map.of("client_id", "latchkey", "scope", wellKnown.get("scopes").asText())), body()));
            assertThat(started.get("interval").asLong()).isEqualTo(1);
            HttpResponse<String> approved = http.send(post(started.get("verification_uri").asText(),
                    Map.of("user_code", started.get("user_code").asText(), "user", "ada")), body());
            assertThat(approved.statusCode()).isEqualTo(200);
            HttpResponse<String> tokens = http.send(post(discovery.get("token_endpoint").asText(),
                    Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                            "device_code", started.get("device_code").asText(), "client_id", "latchkey")), body());
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
            assertThat(json(tokens).get("expires_in").asLong()).isEqualTo(60);
            String accessToken = json(tokens).get("access_token").asText();

            HttpResponse<String> me = http.send(get(base.resolve("/v1/me"), accessToken), body());
            ApiContract.check(me);
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(me.body()).contains("payments-dev");

            // Past the lifetime and any validation leeway: the broker must refuse it.
            clock.advance(Duration.ofMinutes(3));
            HttpResponse<String> expired = http.send(get(base.resolve("/v1/me"), accessToken), body());
            ApiContract.check(expired);
            assertThat(expired.statusCode()).isEqualTo(401);
        }
    }

    private static HttpRequest get(URI uri, String... bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        for (String token : bearer) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static HttpRequest post(String uri, Map<String, String> form) {
        String encoded = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build();
    }

    private static HttpResponse.BodyHandler<String> body() {
        return HttpResponse.BodyHandlers.ofString();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        ApiContract.check(response);
        return JSON.readTree(response.body());
    }
}
