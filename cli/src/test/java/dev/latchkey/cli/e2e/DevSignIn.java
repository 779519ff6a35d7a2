package dev.latchkey.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Signs a demo user in at a dev broker the way a person would: device authorization, the
 * user picks themselves on the dev IdP's form, then the token. Test-side only: the product's
 * sign-in is core's session facade; these tests need just an access token to act with.
 */
final class DevSignIn {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DevSignIn() {
    }

    static String accessToken(URI broker, String user) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            JsonNode wellKnown = json(http.send(get(broker.resolve("/.well-known/latchkey")), body()));
            String issuer = wellKnown.get("issuer").asText();
            JsonNode discovery = json(http.send(get(URI.create(issuer + "/.well-known/openid-configuration")), body()));
            JsonNode started = json(http.send(post(discovery.get("device_authorization_endpoint").asText(),
                    Map.of("client_id", wellKnown.get("clientId").asText(), "scope", wellKnown.get("scopes").asText())), body()));
            HttpResponse<String> form = http.send(post(broker + "/dev-idp/device",
                    Map.of("user_code", started.get("user_code").asText(), "user", user)), body());
            if (form.statusCode() != 200) {
                throw new IllegalStateException("the dev IdP form answered " + form.statusCode());
            }
            HttpResponse<String> tokens = http.send(post(discovery.get("token_endpoint").asText(),
                    Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                            "device_code", started.get("device_code").asText(),
                            "client_id", wellKnown.get("clientId").asText())), body());
            if (tokens.statusCode() != 200) {
                throw new IllegalStateException("the token endpoint answered " + tokens.statusCode());
            }
            return json(tokens).get("access_token").asText();
        }
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
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
        return JSON.readTree(response.body());
    }
}
