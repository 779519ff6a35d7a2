package dev.latchkey.broker.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a strict client written against Keycloak relies on, checked to the letter of RFC 6749
 * §5.1/§5.2, RFC 8628 §3.2/§3.5, RFC 7009 §2.2 and RFC 6750 §3: the core library's sign-in client
 * is tested against this IdP and against Keycloak, and it must not be able to pass here while
 * depending on something Keycloak does differently.
 */
class KeycloakLikeClientTest {

    /** RFC 6749 §5.2 and its extensions: the only error codes a token-endpoint client may see. */
    private static final Set<String> REGISTERED_ERRORS = Set.of("invalid_request", "invalid_client",
            "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope",
            "authorization_pending", "slow_down", "access_denied", "expired_token", "unsupported_token_type");

    private final DevIdpServer idp = new DevIdpServer();

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void responsesCarryingTokensOrCodesAreNeverCached() throws Exception {
        HttpResponse<String> device = idp.post("/dev-idp/device/authorize", Map.of("client_id", "latchkey"));
        assertNoStoreJson(device, 200);
        JsonNode started = DevIdpServer.json(device);
        String deviceCode = started.get("device_code").asText();

        assertNoStoreJson(idp.poll(deviceCode), 400);
        idp.approve(started.get("user_code").asText(), "ada");
        idp.clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> tokens = idp.poll(deviceCode);
        assertNoStoreJson(tokens, 200);

        HttpResponse<String> refreshed = idp.refresh(DevIdpServer.json(tokens).get("refresh_token").asText());
        assertNoStoreJson(refreshed, 200);
        assertNoStoreJson(idp.post("/dev-idp/token", Map.of("grant_type", "password", "client_id", "latchkey")), 400);
    }

    @Test
    void numbersAreJsonNumbersAndTheTokenTypeIsBearer() throws Exception {
        JsonNode started = idp.startDeviceFlow();
        assertThat(started.get("expires_in").isIntegralNumber()).isTrue();
        assertThat(started.get("interval").isIntegralNumber()).isTrue();

        JsonNode tokens = idp.signIn("grace");
        assertThat(tokens.get("expires_in").isIntegralNumber()).isTrue();
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("scope").isTextual()).isTrue();
    }

    @Test
    void everyErrorIsExactlyTheRfc6749Shape() throws Exception {
        JsonNode started = idp.startDeviceFlow();
        String deviceCode = started.get("device_code").asText();
        List<HttpResponse<String>> errors = List.of(
                idp.poll(deviceCode), // authorization_pending
                idp.poll(deviceCode), // slow_down
                idp.poll("unknown"),
                idp.refresh("unknown"),
                idp.post("/dev-idp/token", Map.of("client_id", "latchkey")),
                idp.post("/dev-idp/token", Map.of("grant_type", "client_credentials", "client_id", "latchkey")),
                idp.post("/dev-idp/token", Map.of("grant_type", "refresh_token", "refresh_token", "x",
                        "client_id", "mallory")),
                idp.post("/dev-idp/device/authorize", Map.of("client_id", "latchkey", "scope", "openid write")),
                idp.post("/dev-idp/revoke", Map.of("client_id", "latchkey")),
                idp.post("/dev-idp/token", "grant_type=refresh_token&refresh_token=a&refresh_token=b"
                        + "&client_id=latchkey"));

        for (HttpResponse<String> response : errors) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as("no challenge without Authorization")
                    .isEmpty();
            assertRfc6749Error(response);
        }
        assertThat(errors.stream().map(KeycloakLikeClientTest::errorCode).toList()).containsExactly(
                "authorization_pending", "slow_down", "invalid_grant", "invalid_grant", "invalid_request",
                "unsupported_grant_type", "invalid_client", "invalid_scope", "invalid_request", "invalid_request");
    }

    @Test
    void theDeviceFlowEndStatesAreExact() throws Exception {
        JsonNode denied = idp.startDeviceFlow();
        idp.post("/dev-idp/device", Map.of("user_code", denied.get("user_code").asText(), "action", "deny"));
        HttpResponse<String> accessDenied = idp.poll(denied.get("device_code").asText());

        JsonNode expiring = idp.startDeviceFlow();
        idp.clock.advance(idp.settings.deviceCodeTtl());
        HttpResponse<String> expired = idp.poll(expiring.get("device_code").asText());

        for (HttpResponse<String> response : List.of(accessDenied, expired)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertNoStoreJson(response, 400);
            assertRfc6749Error(response);
        }
        assertThat(errorCode(accessDenied)).isEqualTo("access_denied");
        assertThat(errorCode(expired)).isEqualTo("expired_token");
    }

    @Test
    void aClientThatAuthenticatesWithHttpBasicIsChallengedWithBasic() throws Exception {
        JsonNode started = idp.startDeviceFlow();

        HttpResponse<String> wrong = idp.send(tokenRequest(basic("mallory", "secret"),
                "grant_type=" + DevIdpServer.DEVICE_GRANT + "&device_code=" + started.get("device_code").asText()));

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"dev-idp\"");
        assertNoStoreJson(wrong, 401);
        assertThat(errorCode(wrong)).isEqualTo("invalid_client");

        HttpResponse<String> otherScheme = idp.send(tokenRequest("Bearer abc", "grant_type=refresh_token&refresh_token=x"));
        // A scheme no client may authenticate with: still 401, and the challenge names the one that works.
        assertThat(otherScheme.statusCode()).isEqualTo(401);
        assertThat(otherScheme.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"dev-idp\"");
        assertThat(errorCode(otherScheme)).isEqualTo("invalid_client");
    }

    @Test
    void aPublicClientMayNameItselfWithHttpBasicAndAnEmptyPassword() throws Exception {
        JsonNode started = idp.startDeviceFlow();
        idp.approve(started.get("user_code").asText(), "linus");

        HttpResponse<String> tokens = idp.send(tokenRequest(basic("latchkey", ""),
                "grant_type=" + DevIdpServer.DEVICE_GRANT + "&device_code=" + started.get("device_code").asText()));

        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(DevIdpServer.json(tokens).get("access_token").asText()).isNotBlank();

        HttpResponse<String> disagreeing = idp.send(tokenRequest(basic("latchkey", ""),
                "grant_type=refresh_token&client_id=other&refresh_token="
                        + DevIdpServer.json(tokens).get("refresh_token").asText()));
        assertThat(disagreeing.statusCode()).isEqualTo(400);
        assertThat(errorCode(disagreeing)).isEqualTo("invalid_request");
    }

    @Test
    void revocationAnswersPerRfc7009() throws Exception {
        HttpResponse<String> ok = idp.post("/dev-idp/revoke", Map.of("token", "whatever", "client_id", "latchkey"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEmpty();

        HttpResponse<String> stranger = idp.post("/dev-idp/revoke", Map.of("token", "whatever", "client_id", "mallory"));
        assertThat(stranger.statusCode()).isEqualTo(400);
        assertRfc6749Error(stranger);
        assertThat(errorCode(stranger)).isEqualTo("invalid_client");
    }

    @Test
    void userinfoChallengesPerRfc6750() throws Exception {
        HttpResponse<String> anonymous = idp.get("/dev-idp/userinfo");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        // §3.1: a request without credentials gets the challenge and no error code.
        assertThat(anonymous.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"dev-idp\"");

        HttpResponse<String> forged = idp.send(HttpRequest.newBuilder(idp.url().resolve("/dev-idp/userinfo"))
                .header("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30.").GET());
        assertThat(forged.statusCode()).isEqualTo(401);
        String challenge = forged.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).matches("Bearer realm=\"dev-idp\", error=\"invalid_token\", "
                + "error_description=\"[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+\"");
    }

    @Test
    void discoveryHasWhatAnOidcClientRequires() throws Exception {
        JsonNode discovery = DevIdpServer.json(idp.get("/dev-idp/.well-known/openid-configuration"));

        // OpenID Connect Discovery 1.0 §3: REQUIRED members (the authorization endpoint excepted:
        // sign-in is by device code only, and no response type is offered).
        for (String member : List.of("issuer", "jwks_uri", "response_types_supported", "subject_types_supported",
                "id_token_signing_alg_values_supported", "token_endpoint", "device_authorization_endpoint")) {
            assertThat(discovery.has(member)).as(member).isTrue();
        }
        assertThat(discovery.get("issuer").asText()).doesNotEndWith("/").isEqualTo(idp.issuer().toString());
        assertThat(discovery.get("token_endpoint_auth_methods_supported")).extracting(JsonNode::asText)
                .containsExactly("none");
    }

    private HttpRequest.Builder tokenRequest(String authorization, String form) {
        return HttpRequest.newBuilder(idp.url().resolve("/dev-idp/token"))
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNoStoreJson(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).matches("application/json(;\\s*charset=(?i:utf-8))?"));
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(response.headers().allValues("Pragma")).containsExactly("no-cache");
    }

    /** §5.2: only error, error_description, error_uri; a registered code; a description in the allowed ASCII. */
    private static void assertRfc6749Error(HttpResponse<String> response) throws Exception {
        JsonNode body = DevIdpServer.json(response);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            assertThat(names.next()).isIn("error", "error_description", "error_uri");
        }
        assertThat(body.get("error").asText()).isIn(REGISTERED_ERRORS);
        assertThat(body.get("error_description").asText()).matches("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    }

    private static String errorCode(HttpResponse<String> response) {
        try {
            return DevIdpServer.json(response).get("error").asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
