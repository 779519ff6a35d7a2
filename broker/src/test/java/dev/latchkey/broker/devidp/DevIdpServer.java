package dev.latchkey.broker.devidp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.testsupport.MutableClock;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The dev IdP alone on a loopback port, with a hand-moved clock and a small HTTP client: the
 * fixture for every test in this package except the one that mounts it in a real broker.
 */
final class DevIdpServer implements AutoCloseable {

    static final String CLIENT_ID = "latchkey";
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = MutableClock.atNow();
    final DevIdpSettings settings;
    final DevIdentityProvider idp;
    private final Javalin server;
    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DevIdpServer() {
        this(DevIdpSettings.defaults(CLIENT_ID)
                .withPollInterval(Duration.ofSeconds(1))
                .withDeviceCodeTtl(Duration.ofSeconds(30))
                .withAccessTokenTtl(Duration.ofSeconds(60)));
    }

    DevIdpServer(DevIdpSettings settings) {
        this.settings = settings;
        AtomicReference<URI> base = new AtomicReference<>();
        this.idp = new DevIdentityProvider(settings, clock, base::get);
        this.server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            idp.addRoutes(config.routes);
        }).start("127.0.0.1", 0);
        this.url = URI.create("http://127.0.0.1:" + server.port());
        base.set(url);
    }

    URI url() {
        return url;
    }

    URI issuer() {
        return URI.create(url + "/dev-idp");
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url.resolve(path)).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        return post(path, encode(form));
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a device sign-in the way a client does and returns the endpoint's JSON. */
    JsonNode startDeviceFlow() throws IOException, InterruptedException {
        HttpResponse<String> response = post("/dev-idp/device/authorize",
                Map.of("client_id", CLIENT_ID, "scope", "openid profile email offline_access"));
        if (response.statusCode() != 200) {
            throw new AssertionError("device authorization failed: " + response.body());
        }
        return json(response);
    }

    HttpResponse<String> approve(String userCode, String user) throws IOException, InterruptedException {
        return post("/dev-idp/device", Map.of("user_code", userCode, "user", user));
    }

    HttpResponse<String> poll(String deviceCode) throws IOException, InterruptedException {
        return post("/dev-idp/token",
                Map.of("grant_type", DEVICE_GRANT, "device_code", deviceCode, "client_id", CLIENT_ID));
    }

    HttpResponse<String> refresh(String refreshToken) throws IOException, InterruptedException {
        return post("/dev-idp/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT_ID));
    }

    /** A whole sign-in as {@code user}: the token endpoint's successful JSON. */
    JsonNode signIn(String user) throws IOException, InterruptedException {
        JsonNode started = startDeviceFlow();
        HttpResponse<String> approved = approve(started.get("user_code").asText(), user);
        if (approved.statusCode() != 200) {
            throw new AssertionError("approval failed: " + approved.body());
        }
        HttpResponse<String> tokens = poll(started.get("device_code").asText());
        if (tokens.statusCode() != 200) {
            throw new AssertionError("token request failed: " + tokens.body());
        }
        return json(tokens);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String encode(Map<String, String> form) {
        return new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public void close() {
        http.close();
        server.stop();
    }
}
