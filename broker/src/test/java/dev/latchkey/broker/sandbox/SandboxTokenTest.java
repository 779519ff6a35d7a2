package dev.latchkey.broker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.broker.policy.SandboxPolicy;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.TestBroker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sandbox tokens over real HTTP: minting, the JWKS they verify against, and introspection. */
class SandboxTokenTest {

    @RegisterExtension
    static final TestBroker BROKER = TestBroker.at(Instant.parse("2026-11-28T10:00:00Z")).build();

    static String ada() {
        return BROKER.issuer().token("ada", "payments-dev");
    }

    static Api.Answer mint(String token, String sandbox, String ttl) {
        return BROKER.api().post("/v1/sandbox-tokens", token,
                ttl == null ? Api.json(Map.of("sandbox", sandbox)) : Api.json(Map.of("sandbox", sandbox, "ttl", ttl)));
    }

    static JsonNode introspect(String token) {
        Api.Answer a = BROKER.api().postForm("/v1/introspect", ada(), Map.of("token", token));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Cache-Control")).isEqualTo("no-store");
        return a.json();
    }

    @Test
    void standingAccessMintsATokenThatVerifiesAgainstTheBrokersJwks() throws Exception {
        Api.Answer answer = mint(ada(), "payments-sandbox", "5m");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = answer.json();
        SignedJWT jwt = SignedJWT.parse(body.path("token").asText());
        Api.Answer jwks = BROKER.api().get("/v1/jwks", null);
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.body()).doesNotContain("\"d\"");
        ECKey key = (ECKey) JWKSet.parse(jwks.body()).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("sub-ada");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("ada");
        assertThat(claims.getAudience()).containsExactly("payments-sandbox");
        assertThat(claims.getIssuer()).isEqualTo(BROKER.url().toString());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(BROKER.clock().instant().plus(Duration.ofMinutes(5)));
        assertThat(claims.getStringClaim("latchkey_scope")).isEqualTo("payments/dev");
        assertThat(claims.getStringClaim("env")).isEqualTo("sandbox");
        assertThat(body.path("expiresAt").asText()).isEqualTo(BROKER.clock().instant().plus(Duration.ofMinutes(5)).toString());
        assertThat(body.path("jti").asText()).isEqualTo(claims.getJWTID());
    }

    @Test
    void aTtlLongerThanTheSandboxAllowsIsCutToItsMaximum() throws Exception {
        JsonNode body = mint(ada(), "payments-sandbox", "PT2H").json();
        Instant exp = SignedJWT.parse(body.path("token").asText()).getJWTClaimsSet().getExpirationTime().toInstant();
        assertThat(exp).isEqualTo(BROKER.clock().instant().plus(Duration.ofMinutes(15)));
        JsonNode noTtl = mint(ada(), "payments-sandbox", null).json();
        assertThat(noTtl.path("expiresAt").asText()).isEqualTo(BROKER.clock().instant().plus(Duration.ofMinutes(15)).toString());
    }

    @Test
    void everyClaimOfAMintedTokenIsThePolicysOwnOrOneItMayNotSet() throws Exception {
        SandboxPolicy sandbox = DemoOrganisation.policy(0).sandbox("payments-sandbox").orElseThrow();
        String token = mint(ada(), "payments-sandbox", "5m").json().path("token").asText();
        Set<String> set = new TreeSet<>(SignedJWT.parse(token).getJWTClaimsSet().getClaims().keySet());
        set.removeAll(sandbox.claims().keySet());
        assertThat(sandbox.claims()).isNotEmpty();
        assertThat(SandboxPolicy.RESERVED_CLAIMS)
                .as("the claims minting sets are the ones the policy file refuses; one definition")
                .containsAll(set).contains("preferred_username", "latchkey_scope");
    }

    @Test
    void introspectionIsActiveUntilExpiryAndThenInactive() {
        String token = mint(ada(), "payments-sandbox", "2m").json().path("token").asText();

        JsonNode live = introspect(token);
        assertThat(live.path("active").asBoolean()).isTrue();
        assertThat(live.path("sub").asText()).isEqualTo("sub-ada");
        assertThat(live.path("username").asText()).isEqualTo("ada");
        assertThat(live.path("aud").asText()).isEqualTo("payments-sandbox");
        assertThat(live.path("scope").asText()).isEqualTo("payments/dev");
        assertThat(live.path("sandbox").asText()).isEqualTo("payments-sandbox");

        BROKER.clock().advance(Duration.ofMinutes(2));
        JsonNode dead = introspect(token);
        assertThat(dead.path("active").asBoolean()).isFalse();
        assertThat(dead.size()).isEqualTo(1);
    }

    @Test
    void withoutAccessNoTokenAndTheMessageSaysHowToAsk() {
        Api.Answer answer = mint(ada(), "staging-sandbox", "5m");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("error").asText()).isEqualTo("access_denied");
        assertThat(answer.json().path("message").asText()).contains("latchkey request payments/staging --duration");
    }

    @Test
    void unknownOrHiddenSandboxesBadTtlsAndMissingTokensAreRefusedClearly() {
        assertThat(mint(ada(), "no-such-sandbox", null).status()).isEqualTo(404);
        // linus cannot see payments at all: the sandbox is as unknown to him as a missing one.
        assertThat(mint(BROKER.issuer().token("linus", "search-dev"), "payments-sandbox", null).status()).isEqualTo(404);
        Api.Answer badTtl = mint(ada(), "payments-sandbox", "soon");
        assertThat(badTtl.status()).isEqualTo(400);
        assertThat(badTtl.json().path("message").asText()).contains("10m");
        assertThat(mint(ada(), "payments-sandbox", "-5m").status()).isEqualTo(400);
        assertThat(mint(null, "payments-sandbox", null).status()).isEqualTo(401);
        assertThat(BROKER.api().postForm("/v1/introspect", null, Map.of("token", "x")).status()).isEqualTo(401);
        assertThat(BROKER.api().postForm("/v1/introspect", ada(), Map.of()).status()).isEqualTo(400);
    }

    @Test
    void garbageAndForgedTokensAreInactive() throws Exception {
        assertThat(introspect("not-a-jwt").path("active").asBoolean()).isFalse();

        String real = mint(ada(), "payments-sandbox", "5m").json().path("token").asText();
        SignedJWT original = SignedJWT.parse(real);
        ECKey forger = new ECKeyGenerator(Curve.P_256).keyID(original.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(forger.getKeyID()).build(),
                new JWTClaimsSet.Builder(original.getJWTClaimsSet())
                        .expirationTime(Date.from(BROKER.clock().instant().plus(Duration.ofHours(5)))).build());
        forged.sign(new ECDSASigner(forger));
        assertThat(introspect(forged.serialize()).path("active").asBoolean()).isFalse();
    }

    @Test
    void mintsAndIntrospectionsAreAuditedWithoutTheToken() {
        String token = mint(ada(), "payments-sandbox", "5m").json().path("token").asText();
        introspect(token);

        String audit = BROKER.api().get("/v1/audit?limit=1000", BROKER.issuer().token("root", "latchkey-admins")).body();
        assertThat(audit).contains("sandbox.mint").contains("token.introspect").contains("sandbox/payments-sandbox");
        assertThat(audit).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    void underAGrantTheTokenEndsWithTheGrantAndRevokingTheGrantDeactivatesIt() throws Exception {
        Api.Answer filed = BROKER.api().post("/v1/access-requests", ada(), Api.json(Map.of("scope", "payments/staging",
                "duration", "1h", "justification", "checking a staging payment webhook")));
        assertThat(filed.status()).isEqualTo(201);
        assertThat(filed.json().path("state").asText()).isEqualTo("approved");
        JsonNode grant = filed.json().path("grant");
        Instant grantEnd = Instant.parse(grant.path("endsAt").asText());

        // Ten minutes before the grant ends, a 15-minute token may live only those ten minutes.
        BROKER.clock().advance(Duration.between(BROKER.clock().instant(), grantEnd.minus(Duration.ofMinutes(10))));
        Api.Answer minted = mint(ada(), "staging-sandbox", "15m");
        assertThat(minted.status()).isEqualTo(201);
        String token = minted.json().path("token").asText();
        Instant exp = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
        assertThat(exp).isEqualTo(grantEnd.truncatedTo(ChronoUnit.SECONDS)).isBeforeOrEqualTo(grantEnd);
        assertThat(introspect(token).path("active").asBoolean()).isTrue();

        Api.Answer revoked = BROKER.api().post("/v1/grants/" + grant.path("id").asText() + ":revoke", ada(),
                Api.json(Map.of("reason", "done early")));
        assertThat(revoked.status()).isEqualTo(200);

        assertThat(introspect(token).path("active").asBoolean()).isFalse();
        assertThat(mint(ada(), "staging-sandbox", "5m").status()).isEqualTo(403);
    }

    @Test
    void oneSecondAfterTheGrantEndsNoTokenIsMinted() {
        Api.Answer filed = BROKER.api().post("/v1/access-requests", ada(), Api.json(Map.of("scope", "payments/staging",
                "duration", "30m", "justification", "reproducing a staging refund bug")));
        Instant grantEnd = Instant.parse(filed.json().path("grant").path("endsAt").asText());

        BROKER.clock().advance(Duration.between(BROKER.clock().instant(), grantEnd.minusSeconds(2)));
        Api.Answer last = mint(ada(), "staging-sandbox", "15m");
        assertThat(last.status()).isEqualTo(201);
        assertThat(Instant.parse(last.json().path("expiresAt").asText())).isBeforeOrEqualTo(grantEnd);

        BROKER.clock().advance(Duration.ofSeconds(3));
        assertThat(mint(ada(), "staging-sandbox", "15m").status()).isEqualTo(403);
        assertThat(introspect(last.json().path("token").asText()).path("active").asBoolean()).isFalse();
    }
}
