package dev.latchkey.testsupport.devidp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
 * The person at the browser, for a development broker's IdP, over real HTTP: approves or declines a
 * device code on the dev IdP's verification form, or signs a demo user in end to end (device
 * authorization, the form, the token) for a test that needs only an access token to act with.
 * The one copy every module's tests use; the product's own sign-in is core's {@code Session}.
 */
public final class DevSignIn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DevSignIn() {
    }

    /** Approves {@code userCode} on {@code broker}'s dev IdP form as demo user {@code user}. */
    public static void approve(URI broker, String userCode, String user) {
        verificationForm(broker, Map.of("user_code", userCode, "user", user));
    }

    /** Declines {@code userCode} on {@code broker}'s dev IdP form. */
    public static void deny(URI broker, String userCode) {
        verificationForm(broker, Map.of("user_code", userCode, "action", "deny"));
    }

    /**
     * An access token for demo user {@code user} at the dev broker {@code broker}: the device flow
     * its well-known document and its IdP's discovery describe, approved on the form.
     */
    public static String accessToken(URI broker, String user) {
        JsonNode wellKnown = json(send(get(broker.resolve("/.well-known/latchkey"))));
        String clientId = wellKnown.path("clientId").asText();
        JsonNode discovery = json(send(get(URI.create(wellKnown.path("issuer").asText() + "/.well-known/openid-configuration"))));
        JsonNode started = json(send(post(URI.create(discovery.path("device_authorization_endpoint").asText()),
                Map.of("client_id", clientId, "scope", wellKnown.path("scopes").asText()))));
        approve(broker, started.path("user_code").asText(), user);
        HttpResponse<String> tokens = send(post(URI.create(discovery.path("token_endpoint").asText()),
                Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                        "device_code", started.path("device_code").asText(), "client_id", clientId)));
        String token = json(tokens).path("access_token").asText("");
        if (tokens.statusCode() != 200 || token.isEmpty()) {
            throw new AssertionError("the dev IdP gave no access token: HTTP " + tokens.statusCode() + ", error "
                    + json(tokens).path("error").asText());
        }
        return token;
    }

    private static void verificationForm(URI broker, Map<String, String> fields) {
        HttpResponse<String> page = send(post(broker.resolve("/dev-idp/device"), fields));
        if (page.statusCode() != 200) {
            throw new AssertionError("the dev IdP's verification page answered " + page.statusCode());
        }
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
    }

    private static HttpRequest post(URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("cannot reach the dev broker at " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while calling " + request.uri(), e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON from " + response.uri() + ": HTTP " + response.statusCode(), e);
        }
    }
}
