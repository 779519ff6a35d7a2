package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.testsupport.MutableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * In dev mode the broker trusts its own /dev-idp exactly as it would trust any issuer: through
 * discovery. A token from the device flow opens /v1, and stops working when its short TTL ends.
 */
class DevModeSignInTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDeviceFlowTokenFromTheDevIdpOpensTheApiUntilItExpires() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        BrokerConfig config = BrokerConfig.dev().withClock(clock).withDevTokenTtl(Duration.ofSeconds(60))
                .withDevPollInterval(Duration.ofSeconds(1));
        try (RunningBroker broker = LatchkeyBroker.start(config);
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
             Api api = new Api(broker.url())) {
            String issuer = api.get("/.well-known/latchkey", null).json().path("issuer").asText();
            assertThat(issuer).isEqualTo(broker.url() + "/dev-idp");

            JsonNode device = JSON.readTree(form(http, issuer + "/device/authorize",
                    Map.of("client_id", "latchkey", "scope", "openid profile email offline_access")));
            form(http, issuer + "/device", Map.of("user_code", device.path("user_code").asText(), "user", "grace"));
            clock.advance(Duration.ofSeconds(2));
            JsonNode tokens = JSON.readTree(form(http, issuer + "/token", Map.of(
                    "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                    "device_code", device.path("device_code").asText(), "client_id", "latchkey")));
            String token = tokens.path("access_token").asText();
            assertThat(tokens.path("expires_in").asInt()).isEqualTo(60);

            JsonNode me = api.get("/v1/me", token).json();
            assertThat(me.path("name").asText()).isEqualTo("grace");
            assertThat(me.path("groups").toString()).contains("payments-dev").contains("payments-leads");
            assertThat(api.get("/v1/scopes", token).json().path("scopes").size()).isEqualTo(3);

            clock.advance(Duration.ofSeconds(60 + 61));
            Api.Answer expired = api.get("/v1/me", token);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.header("WWW-Authenticate")).contains("expired");
        }
    }

    private static String form(HttpClient http, String uri, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
