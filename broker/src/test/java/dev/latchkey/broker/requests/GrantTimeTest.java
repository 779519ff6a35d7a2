package dev.latchkey.broker.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.broker.testing.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Grants are checked at the instant of each call, against a clock the test moves. */
class GrantTimeTest {

    static final String STAGING_DB = "latchkey://payments/staging/db-url";
    static final String STAGING_STRIPE = "latchkey://payments/staging/stripe-api-key";

    @RegisterExtension
    final DemoBroker org = new DemoBroker();

    @Test
    void aGrantEndsToTheSecond() {
        Instant start = org.clock().instant();
        org.file("ada", "payments/staging", "4h", "load test");
        assertThat(org.resolve("ada", STAGING_DB)).containsEntry(STAGING_DB, "value");
        assertThat(scope("ada", "payments/staging").path("access").asText()).isEqualTo("granted");
        assertThat(Instant.parse(scope("ada", "payments/staging").path("grantedUntil").asText()))
                .isEqualTo(start.plus(Duration.ofHours(4)));

        org.clock().advance(Duration.ofHours(4).minusSeconds(1));
        assertThat(org.resolve("ada", STAGING_DB)).containsEntry(STAGING_DB, "value");
        org.clock().advance(Duration.ofSeconds(1));
        assertThat(org.resolve("ada", STAGING_DB)).containsEntry(STAGING_DB, "request_needed");
        org.clock().advance(Duration.ofSeconds(1));
        assertThat(org.resolve("ada", STAGING_DB)).containsEntry(STAGING_DB, "request_needed");
        assertThat(scope("ada", "payments/staging").path("access").asText()).isEqualTo("requestable");
        assertThat(org.api().get("/v1/grants", org.token("ada")).json().path("grants")).isEmpty();
        JsonNode all = org.api().get("/v1/grants?all", org.token("ada")).json().path("grants");
        assertThat(all).hasSize(1);
        assertThat(all.get(0).path("state").asText()).isEqualTo("ended");
    }

    @Test
    void revokingTakesEffectOnTheNextCall() {
        String id = org.file("ada", "payments/prod", "1h", "PAY-7 chargeback check");
        String grantId = org.act("joan", id, "approve", Map.of()).json().path("grant").path("id").asText();
        String prodDb = "latchkey://payments/prod/db-url";
        assertThat(org.resolve("ada", prodDb)).containsEntry(prodDb, "value");

        assertThat(org.api().post("/v1/grants/" + grantId + ":revoke", org.token("linus"), "{}").status()).isEqualTo(404);
        Api.Answer revoked = org.api().post("/v1/grants/" + grantId + ":revoke", org.token("grace"),
                Api.json(Map.of("reason", "incident over")));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("state").asText()).isEqualTo("revoked");
        assertThat(revoked.json().path("revokedBy").asText()).isEqualTo("grace");

        assertThat(org.resolve("ada", prodDb)).containsEntry(prodDb, "request_needed");
        assertThat(org.api().get("/v1/access-requests/" + id, org.token("ada")).json().path("state").asText())
                .isEqualTo("revoked");
        Api.Answer again = org.api().post("/v1/grants/" + grantId + ":revoke", org.token("ada"), "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("message").asText()).contains("already revoked by grace");
        // The start row comes from the broker's sweep, which runs on its own every second.
        assertThat(org.auditOf(grantId)).contains("grant.revoke revoked").doesNotHaveDuplicates()
                .isSubsetOf("grant.start active", "grant.revoke revoked");
    }

    @Test
    void theGranteeAndAdminsMayRevokeToo() {
        String mine = org.api().post("/v1/access-requests", org.token("ada"), Api.json(Map.of("scope", "payments/staging",
                "duration", "1h", "justification", "x"))).json().path("grant").path("id").asText();
        assertThat(org.api().post("/v1/grants/" + mine + ":revoke", org.token("ada"), "{}").status()).isEqualTo(200);
        String other = org.api().post("/v1/access-requests", org.token("ada"), Api.json(Map.of("scope", "payments/staging",
                "duration", "1h", "justification", "y"))).json().path("grant").path("id").asText();
        assertThat(org.api().post("/v1/grants/" + other + ":revoke", org.token("root"), "{}").status()).isEqualTo(200);
    }

    @Test
    void aGrantForSomeSecretsReadsOnlyThose() {
        Api.Answer filed = org.request("ada", Map.of("scope", "payments/staging", "duration", "1h",
                "justification", "db only", "secrets", List.of("db-url")));
        assertThat(filed.json().path("grant").path("secrets").toString()).isEqualTo("[\"db-url\"]");
        Map<String, String> resolved = org.resolve("ada", STAGING_DB, STAGING_STRIPE);
        assertThat(resolved).containsEntry(STAGING_DB, "value").containsEntry(STAGING_STRIPE, "request_needed");
    }

    @Test
    void anExtensionStartsWhereItsGrantEndsSoAccessIsContinuous() {
        Instant start = org.clock().instant();
        JsonNode first = org.request("ada", Map.of("scope", "payments/staging", "duration", "2h",
                "justification", "migration")).json();
        String grantId = first.path("grant").path("id").asText();

        Api.Answer extension = org.api().post("/v1/grants/" + grantId + ":extend", org.token("ada"),
                Api.json(Map.of("duration", "2h", "justification", "migration runs long")));
        assertThat(extension.status()).isEqualTo(201);
        JsonNode r = extension.json();
        assertThat(r.path("extendsGrant").asText()).isEqualTo(grantId);
        assertThat(r.path("state").asText()).isEqualTo("approved");
        assertThat(Instant.parse(r.path("grant").path("startsAt").asText())).isEqualTo(start.plus(Duration.ofHours(2)));
        assertThat(r.path("grant").path("state").asText()).isEqualTo("scheduled");
        assertThat(org.auditOf(grantId)).contains("grant.extend-request pending");

        assertThat(Instant.parse(scope("ada", "payments/staging").path("grantedUntil").asText()))
                .isEqualTo(start.plus(Duration.ofHours(4)));
        org.clock().advance(Duration.ofHours(2));
        assertThat(org.resolve("ada", STAGING_DB)).containsEntry(STAGING_DB, "value");
        org.clock().advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(org.resolve("ada", STAGING_DB)).containsEntry(STAGING_DB, "value");
        org.clock().advance(Duration.ofSeconds(1));
        assertThat(org.resolve("ada", STAGING_DB)).containsEntry(STAGING_DB, "request_needed");

        assertThat(org.api().post("/v1/grants/" + grantId + ":extend", org.token("ada"),
                Api.json(Map.of("duration", "1h", "justification", "again"))).status()).isEqualTo(409);
    }

    @Test
    void onlyTheGranteeExtends() {
        String grantId = org.request("ada", Map.of("scope", "payments/staging", "duration", "1h",
                "justification", "x")).json().path("grant").path("id").asText();
        assertThat(org.api().post("/v1/grants/" + grantId + ":extend", org.token("joan"),
                Api.json(Map.of("duration", "1h", "justification", "y"))).status()).isEqualTo(403);
        assertThat(org.api().post("/v1/grants/" + grantId + ":extend", org.token("linus"),
                Api.json(Map.of("duration", "1h", "justification", "y"))).status()).isEqualTo(404);
        Api.Answer tooLong = org.api().post("/v1/grants/" + grantId + ":extend", org.token("ada"),
                Api.json(Map.of("duration", "9h", "justification", "y")));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().path("field").asText()).isEqualTo("duration");
    }

    @Test
    void aRequestWithALaterStartGivesAScheduledGrant() {
        Instant start = org.clock().instant();
        JsonNode r = org.request("ada", Map.of("scope", "payments/staging", "duration", "1h",
                "justification", "tonight's release", "startAt", start.plus(Duration.ofHours(1)).toString())).json();
        assertThat(r.path("grant").path("state").asText()).isEqualTo("scheduled");
        assertThat(org.resolve("ada", STAGING_DB)).containsEntry(STAGING_DB, "request_needed");
        org.clock().advance(Duration.ofHours(1));
        assertThat(org.resolve("ada", STAGING_DB)).containsEntry(STAGING_DB, "value");
        assertThat(org.api().get("/v1/me", org.token("ada")).json().path("grants").toString())
                .contains("payments/staging").contains(start.plus(Duration.ofHours(2)).toString());
    }

    @Test
    void aRequestNobodyDecidesExpiresOnce() {
        String id = org.file("ada", "payments/prod", "1h", "PAY-9 nightly batch");
        org.clock().advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(org.api().get("/v1/access-requests/" + id, org.token("ada")).json().path("state").asText())
                .isEqualTo("pending");
        org.clock().advance(Duration.ofSeconds(1));
        JsonNode r = org.api().get("/v1/access-requests/" + id, org.token("ada")).json();
        assertThat(r.path("state").asText()).isEqualTo("expired");
        assertThat(r.path("decidedBy").isNull()).isTrue();
        Api.Answer late = org.act("joan", id, "approve", Map.of());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("message").asText()).contains("expired undecided");
        assertThat(org.api().get("/v1/access-requests?toReview", org.token("joan")).body()).doesNotContain(id);
        assertThat(org.auditOf(id)).containsExactly("request.create pending", "request.expire expired");
    }

    private JsonNode scope(String user, String scope) {
        return org.api().get("/v1/scopes", org.token(user)).json().path("scopes").valueStream()
                .filter(s -> s.path("scope").asText().equals(scope)).findFirst().orElseThrow();
    }
}
