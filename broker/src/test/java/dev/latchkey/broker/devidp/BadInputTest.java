package dev.latchkey.broker.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every malformed request gets a clear, RFC-shaped 400 and changes nothing. */
class BadInputTest {

    private final DevIdpServer idp = new DevIdpServer();

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void anUnknownClientCannotStartASignIn() throws Exception {
        assertOAuthError(idp.post("/dev-idp/device/authorize", Map.of("client_id", "mallory", "scope", "openid")),
                "invalid_client", "latchkey");
    }

    @Test
    void aMissingClientIdIsAnInvalidRequest() throws Exception {
        assertOAuthError(idp.post("/dev-idp/device/authorize", Map.of("scope", "openid")),
                "invalid_request", "client_id");
        assertOAuthError(idp.post("/dev-idp/token", Map.of("grant_type", "refresh_token", "refresh_token", "x")),
                "invalid_request", "client_id");
    }

    @Test
    void anUnknownScopeIsRefused() throws Exception {
        assertOAuthError(idp.post("/dev-idp/device/authorize", Map.of("client_id", "latchkey", "scope", "openid admin")),
                "invalid_scope", "openid");
    }

    @Test
    void anUnknownClientCannotCollectTokens() throws Exception {
        String deviceCode = idp.startDeviceFlow().get("device_code").asText();
        assertOAuthError(idp.post("/dev-idp/token", Map.of("grant_type", DevIdpServer.DEVICE_GRANT,
                "device_code", deviceCode, "client_id", "mallory")), "invalid_client", "latchkey");
    }

    @Test
    void anUnknownGrantTypeIsUnsupported() throws Exception {
        assertOAuthError(idp.post("/dev-idp/token", Map.of("grant_type", "password", "client_id", "latchkey",
                "username", "ada", "password", "x")), "unsupported_grant_type", "device_code");
    }

    @Test
    void missingGrantFieldsAreInvalidRequests() throws Exception {
        assertOAuthError(idp.post("/dev-idp/token", Map.of("client_id", "latchkey")), "invalid_request", "grant_type");
        assertOAuthError(idp.post("/dev-idp/token", Map.of("grant_type", DevIdpServer.DEVICE_GRANT,
                "client_id", "latchkey")), "invalid_request", "device_code");
        assertOAuthError(idp.post("/dev-idp/token", Map.of("grant_type", "refresh_token", "client_id", "latchkey")),
                "invalid_request", "refresh_token");
        assertOAuthError(idp.post("/dev-idp/revoke", Map.of("client_id", "latchkey")), "invalid_request", "token");
    }

    @Test
    void anUnknownDeviceCodeOrRefreshTokenIsAnInvalidGrant() throws Exception {
        assertOAuthError(idp.poll("no-such-device-code"), "invalid_grant", "device code");
        assertOAuthError(idp.refresh("no-such-refresh-token"), "invalid_grant", "refresh token");
    }

    @Test
    void aRepeatedParameterIsAnInvalidRequest() throws Exception {
        assertOAuthError(idp.post("/dev-idp/token", "grant_type=refresh_token&grant_type=refresh_token"
                + "&client_id=latchkey&refresh_token=x"), "invalid_request", "more than once");
    }

    @Test
    void parametersMustBeFormEncoded() throws Exception {
        HttpResponse<String> response = idp.send(HttpRequest.newBuilder(idp.url().resolve("/dev-idp/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"refresh_token\"}")));
        assertOAuthError(response, "invalid_request", "x-www-form-urlencoded");
    }

    @Test
    void anUnknownUserCodeIsRefusedOnThePage() throws Exception {
        HttpResponse<String> response = idp.approve("BCDF-GHJK", "ada");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("No sign-in is waiting for that code");
    }

    @Test
    void somethingThatIsNotAUserCodeIsRefusedOnThePage() throws Exception {
        HttpResponse<String> response = idp.approve("12345", "ada");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not a sign-in code");
    }

    @Test
    void anUnknownDemoUserIsRefusedAndTheCodeStaysUsable() throws Exception {
        JsonNode started = idp.startDeviceFlow();
        String userCode = started.get("user_code").asText();

        HttpResponse<String> response = idp.approve(userCode, "mallory");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("There is no demo user called", "ada, grace, linus, root");

        HttpResponse<String> missing = idp.post("/dev-idp/device", Map.of("user_code", userCode));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("Pick a demo user");

        assertThat(idp.approve(userCode, "ada").statusCode()).isEqualTo(200);
        assertThat(idp.approve(userCode, "grace").statusCode()).as("a code is decided once").isEqualTo(400);
    }

    @Test
    void whatThePageEchoesIsEscaped() throws Exception {
        HttpResponse<String> response = idp.post("/dev-idp/device",
                Map.of("user_code", "<script>alert(1)</script>", "user", "ada"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");

        JsonNode started = idp.startDeviceFlow();
        HttpResponse<String> user = idp.approve(started.get("user_code").asText(), "\"><img src=x onerror=alert(1)>");
        assertThat(user.statusCode()).isEqualTo(400);
        assertThat(user.body()).doesNotContain("<img").contains("&quot;&gt;&lt;img src=x");

        HttpResponse<String> page = idp.get("/dev-idp/device?user_code=%22%3E%3Cb%3Ex");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("\"><b>x").contains("&quot;&gt;&lt;b&gt;x");
    }

    @Test
    void anUnknownActionIsRefused() throws Exception {
        String userCode = idp.startDeviceFlow().get("user_code").asText();
        HttpResponse<String> response = idp.post("/dev-idp/device",
                Map.of("user_code", userCode, "user", "ada", "action", "maybe"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Unknown action");
    }

    static void assertOAuthError(HttpResponse<String> response, String error, String descriptionMentions)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = DevIdpServer.json(response);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("error_description").asText()).contains(descriptionMentions);
    }
}
