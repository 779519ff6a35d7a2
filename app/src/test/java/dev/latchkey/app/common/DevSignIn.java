package dev.latchkey.app.common;

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
 * Signs a demo user in to a development broker the way a person would, over HTTP: starts the
 * device flow, approves it on the dev IdP's verification form, and redeems the device code.
 * For tests until the app's own sign-in (over core's session) lands.
 */
public final class DevSignIn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DevSignIn() {
    }

    /** An access token for {@code user} at the dev broker {@code broker}. */
    public static String accessToken(URI broker, String user) throws Exception {
        String issuer = get(broker + "/.well-known/latchkey").path("issuer").asText();
        JsonNode device = post(issuer + "/device/authorize", Map.of("client_id", "latchkey",
                "scope", "openid profile email offline_access"));
        approve(issuer, device.path("user_code").asText(), user);
        JsonNode tokens = post(issuer + "/token", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "device_code", device.path("device_code").asText(), "client_id", "latchkey"));
        String token = tokens.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new IllegalStateException("the dev IdP gave no access token (error: " + tokens.path("error").asText() + ")");
        }
        return token;
    }

    /** Posts the dev IdP's verification form: {@code user_code} and the chosen demo user. */
    public static void approve(String issuer, String userCode, String user) throws Exception {
        HttpResponse<String> page = HTTP.send(form(issuer + "/device", Map.of("user_code", userCode, "user", user)),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("the dev IdP refused the approval: HTTP " + page.statusCode());
        }
    }

    /** Declines {@code userCode} on the dev IdP's verification form. */
    public static void deny(String issuer, String userCode) throws Exception {
        HttpResponse<String> page = HTTP.send(form(issuer + "/device", Map.of("user_code", userCode, "action", "deny")),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("the dev IdP refused the denial: HTTP " + page.statusCode());
        }
    }

    private static JsonNode get(String url) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        return JSON.readTree(HTTP.send(req, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonNode post(String url, Map<String, String> fields) throws Exception {
        return JSON.readTree(HTTP.send(form(url, fields), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static HttpRequest form(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
