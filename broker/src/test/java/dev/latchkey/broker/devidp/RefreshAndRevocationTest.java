package dev.latchkey.broker.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Refresh tokens rotate, a reused one revokes the sign-in, and RFC 7009 revocation works. */
class RefreshAndRevocationTest {

    private final DevIdpServer idp = new DevIdpServer();

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void aRefreshGivesNewTokensAndANewRefreshTokenAndRetiresTheOldOne() throws Exception {
        JsonNode first = idp.signIn("ada");
        idp.clock.advance(Duration.ofSeconds(45));

        HttpResponse<String> refreshed = idp.refresh(first.get("refresh_token").asText());

        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonNode second = DevIdpServer.json(refreshed);
        assertThat(second.get("refresh_token").asText()).isNotEqualTo(first.get("refresh_token").asText());
        assertThat(second.get("access_token").asText()).isNotEqualTo(first.get("access_token").asText());
        assertThat(second.get("id_token").asText()).isNotBlank();
        assertThat(second.get("scope").asText()).isEqualTo(first.get("scope").asText());
        var claims = SignedJWT.parse(second.get("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("ada");
        assertThat(claims.getIssueTime().toInstant().getEpochSecond())
                .isEqualTo(idp.clock.instant().getEpochSecond());

        HttpResponse<String> reuse = idp.refresh(first.get("refresh_token").asText());
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(DevIdpServer.json(reuse).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeSignIn() throws Exception {
        JsonNode first = idp.signIn("linus");
        String second = DevIdpServer.json(idp.refresh(first.get("refresh_token").asText()))
                .get("refresh_token").asText();

        // Someone replays the first token: the IdP cannot tell thief from owner, so both lose.
        assertThat(idp.refresh(first.get("refresh_token").asText()).statusCode()).isEqualTo(400);

        HttpResponse<String> owner = idp.refresh(second);
        assertThat(owner.statusCode()).isEqualTo(400);
        assertThat(DevIdpServer.json(owner).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aRefreshTokenExpires() throws Exception {
        JsonNode tokens = idp.signIn("ada");
        idp.clock.advance(idp.settings.refreshTokenTtl());

        HttpResponse<String> response = idp.refresh(tokens.get("refresh_token").asText());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(DevIdpServer.json(response).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aRefreshMayNarrowTheScopeButNotWidenIt() throws Exception {
        String refreshToken = idp.signIn("ada").get("refresh_token").asText();

        HttpResponse<String> narrowed = idp.post("/dev-idp/token", Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken, "client_id", "latchkey", "scope", "openid email"));
        assertThat(narrowed.statusCode()).isEqualTo(200);
        assertThat(DevIdpServer.json(narrowed).get("scope").asText()).isEqualTo("openid email");

        String next = DevIdpServer.json(narrowed).get("refresh_token").asText();
        HttpResponse<String> widened = idp.post("/dev-idp/token", Map.of("grant_type", "refresh_token",
                "refresh_token", next, "client_id", "latchkey", "scope", "openid groups"));
        assertThat(widened.statusCode()).isEqualTo(400);
        assertThat(DevIdpServer.json(widened).get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void revokingARefreshTokenEndsTheSignIn() throws Exception {
        JsonNode tokens = idp.signIn("grace");

        HttpResponse<String> revoked = idp.post("/dev-idp/revoke", Map.of("token", tokens.get("refresh_token").asText(),
                "token_type_hint", "refresh_token", "client_id", "latchkey"));

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body()).isEmpty();
        HttpResponse<String> refresh = idp.refresh(tokens.get("refresh_token").asText());
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(DevIdpServer.json(refresh).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void revokingAnUnknownOrAlreadyRevokedTokenStillSucceeds() throws Exception {
        JsonNode tokens = idp.signIn("grace");
        Map<String, String> form = Map.of("token", tokens.get("refresh_token").asText(), "client_id", "latchkey");

        assertThat(idp.post("/dev-idp/revoke", form).statusCode()).isEqualTo(200);
        assertThat(idp.post("/dev-idp/revoke", form).statusCode()).isEqualTo(200);
        assertThat(idp.post("/dev-idp/revoke", Map.of("token", "not-a-token", "client_id", "latchkey"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedAccessTokenNoLongerOpensUserinfo() throws Exception {
        String access = idp.signIn("root").get("access_token").asText();
        HttpResponse<String> before = userinfo(access);
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(DevIdpServer.json(before).get("groups").get(0).asText()).isEqualTo("latchkey-admins");

        HttpResponse<String> revoked = idp.post("/dev-idp/revoke",
                Map.of("token", access, "token_type_hint", "access_token", "client_id", "latchkey"));

        assertThat(revoked.statusCode()).isEqualTo(200);
        HttpResponse<String> after = userinfo(access);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer ").contains("error=\"invalid_token\""));
    }

    @Test
    void anAccessTokenStopsWorkingWhenItExpires() throws Exception {
        String access = idp.signIn("ada").get("access_token").asText();
        assertThat(userinfo(access).statusCode()).isEqualTo(200);

        idp.clock.advance(Duration.ofSeconds(60));

        assertThat(userinfo(access).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> userinfo(String accessToken) throws Exception {
        return idp.send(HttpRequest.newBuilder(idp.url().resolve("/dev-idp/userinfo"))
                .header("Authorization", "Bearer " + accessToken).GET());
    }
}
