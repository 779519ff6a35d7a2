package dev.latchkey.broker.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The device authorization grant of RFC 8628, end to end over loopback HTTP. */
class DeviceFlowTest {

    private final DevIdpServer idp = new DevIdpServer();

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void discoveryNamesTheIssuerAndEveryEndpoint() throws Exception {
        HttpResponse<String> response = idp.get("/dev-idp/.well-known/openid-configuration");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode discovery = DevIdpServer.json(response);
        String issuer = idp.issuer().toString();
        assertThat(discovery.get("issuer").asText()).isEqualTo(issuer);
        assertThat(discovery.get("jwks_uri").asText()).isEqualTo(issuer + "/jwks");
        assertThat(discovery.get("device_authorization_endpoint").asText()).isEqualTo(issuer + "/device/authorize");
        assertThat(discovery.get("token_endpoint").asText()).isEqualTo(issuer + "/token");
        assertThat(discovery.get("revocation_endpoint").asText()).isEqualTo(issuer + "/revoke");
        assertThat(discovery.get("grant_types_supported")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("urn:ietf:params:oauth:grant-type:device_code", "refresh_token");
        assertThat(discovery.get("id_token_signing_alg_values_supported")).extracting(JsonNode::asText)
                .containsExactly("ES256");
    }

    @Test
    void deviceAuthorizationHandsOutReadableCodesAndWhereToTypeThem() throws Exception {
        JsonNode started = idp.startDeviceFlow();

        assertThat(started.get("user_code").asText()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(started.get("device_code").asText()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(started.get("verification_uri").asText()).isEqualTo(idp.issuer() + "/device");
        assertThat(started.get("verification_uri_complete").asText())
                .isEqualTo(idp.issuer() + "/device?user_code=" + started.get("user_code").asText());
        assertThat(started.get("expires_in").asLong()).isEqualTo(30);
        assertThat(started.get("interval").asLong()).isEqualTo(1);
    }

    @Test
    void anApprovedSignInYieldsTokensThatVerifyAgainstTheJwks() throws Exception {
        JsonNode started = idp.startDeviceFlow();
        String deviceCode = started.get("device_code").asText();

        HttpResponse<String> beforeApproval = idp.poll(deviceCode);
        assertThat(beforeApproval.statusCode()).isEqualTo(400);
        assertThat(DevIdpServer.json(beforeApproval).get("error").asText()).isEqualTo("authorization_pending");

        HttpResponse<String> approval = idp.approve(started.get("user_code").asText().toLowerCase(), "grace");
        assertThat(approval.statusCode()).isEqualTo(200);
        assertThat(approval.body()).contains("Signed in", "Grace Hopper");

        idp.clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> response = idp.poll(deviceCode);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tokens = DevIdpServer.json(response);
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(60);
        assertThat(tokens.get("refresh_token").asText()).isNotBlank();
        assertThat(tokens.get("scope").asText()).isEqualTo("openid profile email offline_access");

        JWKSet jwks = JWKSet.parse(idp.get("/dev-idp/jwks").body());
        assertThat(jwks.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
        JWTClaimsSet access = verified(tokens.get("access_token").asText(), jwks);
        assertThat(access.getIssuer()).isEqualTo(idp.issuer().toString());
        assertThat(access.getAudience()).containsExactly("latchkey");
        assertThat(access.getStringClaim("azp")).isEqualTo("latchkey");
        assertThat(access.getStringClaim("preferred_username")).isEqualTo("grace");
        assertThat(access.getStringClaim("name")).isEqualTo("Grace Hopper");
        assertThat(access.getStringClaim("email")).isEqualTo("grace@example.com");
        assertThat(access.getStringListClaim("groups")).containsExactly("payments-dev", "payments-leads");
        assertThat(access.getStringClaim("scope")).isEqualTo("openid profile email offline_access");
        assertThat(access.getSubject()).isEqualTo(DevUsers.find("grace").orElseThrow().subject());
        assertThat(access.getExpirationTime().toInstant())
                .isEqualTo(access.getIssueTime().toInstant().plusSeconds(60));
        assertThat(access.getNotBeforeTime()).isEqualTo(access.getIssueTime());

        JWTClaimsSet id = verified(tokens.get("id_token").asText(), jwks);
        assertThat(id.getSubject()).isEqualTo(access.getSubject());
        assertThat(id.getAudience()).containsExactly("latchkey");
        assertThat(id.getStringListClaim("groups")).containsExactly("payments-dev", "payments-leads");

        idp.clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> redeemedTwice = idp.poll(deviceCode);
        assertThat(redeemedTwice.statusCode()).isEqualTo(400);
        assertThat(DevIdpServer.json(redeemedTwice).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void pollingFasterThanTheIntervalIsToldToSlowDownByFiveSeconds() throws Exception {
        String deviceCode = idp.startDeviceFlow().get("device_code").asText();

        assertThat(error(idp.poll(deviceCode))).isEqualTo("authorization_pending");
        idp.clock.advance(Duration.ofMillis(500));
        assertThat(error(idp.poll(deviceCode))).isEqualTo("slow_down");

        // The interval is now 6 s: waiting the original 1 s is still too fast.
        idp.clock.advance(Duration.ofSeconds(1));
        assertThat(error(idp.poll(deviceCode))).isEqualTo("slow_down");
        // Now 11 s; honouring it is answered normally again.
        idp.clock.advance(Duration.ofSeconds(11));
        assertThat(error(idp.poll(deviceCode))).isEqualTo("authorization_pending");
    }

    @Test
    void aDeniedSignInIsAccessDenied() throws Exception {
        JsonNode started = idp.startDeviceFlow();

        HttpResponse<String> denial = idp.post("/dev-idp/device",
                Map.of("user_code", started.get("user_code").asText(), "action", "deny"));
        assertThat(denial.statusCode()).isEqualTo(200);
        assertThat(denial.body()).contains("Sign-in denied");

        HttpResponse<String> response = idp.poll(started.get("device_code").asText());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("access_denied");
    }

    @Test
    void anUnapprovedCodeExpires() throws Exception {
        JsonNode started = idp.startDeviceFlow();
        String deviceCode = started.get("device_code").asText();
        assertThat(error(idp.poll(deviceCode))).isEqualTo("authorization_pending");

        idp.clock.advance(Duration.ofSeconds(30));

        assertThat(error(idp.poll(deviceCode))).isEqualTo("expired_token");
        HttpResponse<String> lateApproval = idp.approve(started.get("user_code").asText(), "ada");
        assertThat(lateApproval.statusCode()).isEqualTo(400);
        assertThat(lateApproval.body()).contains("expired");
    }

    @Test
    void anApprovedCodeNotCollectedInTimeExpiresToo() throws Exception {
        JsonNode started = idp.startDeviceFlow();
        assertThat(idp.approve(started.get("user_code").asText(), "ada").statusCode()).isEqualTo(200);

        idp.clock.advance(Duration.ofSeconds(31));

        assertThat(error(idp.poll(started.get("device_code").asText()))).isEqualTo("expired_token");
    }

    private static String error(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(400);
        return DevIdpServer.json(response).get("error").asText();
    }

    private static JWTClaimsSet verified(String token, JWKSet jwks) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        ECKey key = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the token's kid is in the JWKS").isNotNull();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        return jwt.getJWTClaimsSet();
    }
}
