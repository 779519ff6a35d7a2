package dev.latchkey.broker.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.TestBroker;
import dev.latchkey.broker.testing.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every /v1 call needs a token from the configured issuer; each way a token can be wrong gives 401. */
class TokenValidationTest {

    @RegisterExtension
    static final TestBroker BROKER = TestBroker.at(Instant.parse("2026-11-28T10:00:00Z")).build();

    @Test
    void aValidTokenIdentifiesTheCallerAndTheirGroups() {
        Api.Answer me = BROKER.api().get("/v1/me", BROKER.issuer().token("ada", "payments-dev"));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("subject").asText()).isEqualTo("sub-ada");
        assertThat(me.json().path("name").asText()).isEqualTo("ada");
        assertThat(me.json().path("groups").toString()).isEqualTo("[\"payments-dev\"]");
    }

    @Test
    void noTokenIsRefusedWithAChallenge() {
        Api.Answer me = BROKER.api().get("/v1/me", null);

        assertThat(me.status()).isEqualTo(401);
        assertThat(me.header("WWW-Authenticate")).startsWith("Bearer realm=\"latchkey\"").contains("error_description=");
        assertThat(me.json().path("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void aBadSignatureIsRefused() {
        RSAKey stranger = TestIssuer.newKey("key-1");
        assertRefused(BROKER.issuer().token(stranger, b -> b, "ada", "payments-dev"), "signature");
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = BROKER.issuer().token("ada", "payments-dev");
        String[] parts = token.split("\\.");
        String otherClaims = BROKER.issuer().token("root", "latchkey-admins").split("\\.")[1];
        assertRefused(parts[0] + "." + otherClaims + "." + parts[2], "signature");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertRefused(BROKER.issuer().token(BROKER.issuer().signingKey(), b -> b.issuer("https://evil.example/realms/test"), "ada",
                "payments-dev"), "issued by");
    }

    @Test
    void anExpiredTokenIsRefusedPastTheLeeway() {
        Instant now = BROKER.clock().instant();
        String expired = BROKER.issuer().token(BROKER.issuer().signingKey(),
                b -> b.expirationTime(Date.from(now.minus(Duration.ofSeconds(61)))), "ada", "payments-dev");
        String withinLeeway = BROKER.issuer().token(BROKER.issuer().signingKey(),
                b -> b.expirationTime(Date.from(now.minus(Duration.ofSeconds(30)))), "ada", "payments-dev");

        assertRefused(expired, "expired");
        assertThat(BROKER.api().get("/v1/me", withinLeeway).status()).isEqualTo(200);
    }

    @Test
    void aTokenAcceptedBeforeIsStillCheckedOnEveryCall() {
        Instant now = BROKER.clock().instant();
        String token = BROKER.issuer().token(BROKER.issuer().signingKey(),
                b -> b.expirationTime(Date.from(now.plus(Duration.ofMinutes(2)))), "ada", "payments-dev");
        assertThat(BROKER.api().get("/v1/me", token).status()).isEqualTo(200);
        assertThat(BROKER.api().get("/v1/me", token).status()).isEqualTo(200);

        // Accepted twice (the second time from memory), yet another signature on the same claims is not.
        String[] parts = token.split("\\.");
        String otherSignature = BROKER.issuer().token(TestIssuer.newKey("key-1"), b -> b, "ada", "payments-dev").split("\\.")[2];
        assertRefused(parts[0] + "." + parts[1] + "." + otherSignature, "signature");
        // And remembering it does not outlive its expiry.
        BROKER.clock().advance(Duration.ofMinutes(2).plus(TokenValidator.LEEWAY).plusSeconds(1));
        assertRefused(token, "expired");
        assertRefused(token, "expired");
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        Instant now = BROKER.clock().instant();
        assertRefused(BROKER.issuer().token(BROKER.issuer().signingKey(),
                b -> b.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))), "ada", "payments-dev"), "not valid before");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(BROKER.issuer().token(BROKER.issuer().signingKey(), b -> b.audience("another-app").claim("azp", "another-app"),
                "ada", "payments-dev"), "not meant for this broker");
    }

    @Test
    void azpAloneNamesTheBrokerWhenTheAudienceIsTheIdpsDefault() {
        String token = BROKER.issuer().token(BROKER.issuer().signingKey(), b -> b.audience("account"), "ada", "payments-dev");
        assertThat(BROKER.api().get("/v1/me", token).status()).isEqualTo(200);
    }

    @Test
    void anIdTokenIsNotAnAccessToken() {
        assertRefused(BROKER.issuer().token(BROKER.issuer().signingKey(), b -> b.claim("typ", "ID"), "ada", "payments-dev"), "ID token");
    }

    @Test
    void garbageIsRefused() {
        assertRefused("not-a-jwt", "not a signed JWT");
        assertRefused("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZGEifQ.", "not a signed JWT");
    }

    @Test
    void anUnknownKeyIdMakesTheBrokerFetchTheKeySetAgain() {
        assertThat(BROKER.api().get("/v1/me", BROKER.issuer().token("ada", "payments-dev")).status()).isEqualTo(200);
        RSAKey rotated = TestIssuer.newKey("key-2");
        String signedWithNewKey = BROKER.issuer().token(rotated, b -> b, "ada", "payments-dev");
        // Not published yet: refused, and the broker does not keep refetching (Nimbus' limit: at
        // most two fetches per interval).
        BROKER.clock().advance(Duration.ofMinutes(1));
        int before = BROKER.issuer().jwksFetches();
        for (int i = 0; i < 5; i++) {
            assertRefused(signedWithNewKey, "key id");
        }
        assertThat(BROKER.issuer().jwksFetches()).isBetween(before + 1, before + 2);
        int fetches = BROKER.issuer().jwksFetches();

        BROKER.issuer().publish(rotated);
        BROKER.clock().advance(Duration.ofMinutes(1));
        String fresh = BROKER.issuer().token(rotated, b -> b, "ada", "payments-dev");
        assertThat(BROKER.api().get("/v1/me", fresh).status()).isEqualTo(200);
        assertThat(BROKER.issuer().jwksFetches()).isEqualTo(fetches + 1);
    }

    @Test
    void theTokenNeverAppearsInTheAnswer() {
        String bad = BROKER.issuer().token(TestIssuer.newKey("key-1"), b -> b, "ada", "payments-dev");
        Api.Answer answer = BROKER.api().get("/v1/me", bad);
        assertThat(answer.body()).doesNotContain(bad).doesNotContain(bad.split("\\.")[2]);
        assertThat(answer.header("WWW-Authenticate")).doesNotContain(bad.split("\\.")[2]);
    }

    private static void assertRefused(String token, String why) {
        Api.Answer answer = BROKER.api().get("/v1/me", token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).contains("error=\"invalid_token\"").contains(why);
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid_token");
        assertThat(answer.json().path("message").asText()).contains(why);
    }
}
