package dev.latchkey.broker.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.broker.testing.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two grants of different ends in one scope stay two: each secret's access ends with the grants
 * that cover it, and the API says which grant that is.
 */
class PerSecretGrantsTest {

    static final String PROD_DB = "latchkey://payments/prod/db-url";
    static final String PROD_STRIPE = "latchkey://payments/prod/stripe-api-key";
    static final String PROD_PAGER = "latchkey://payments/prod/pagerduty-routing-key";

    @RegisterExtension
    final DemoBroker org = new DemoBroker();
    Instant start;
    String stripeGrant;
    String dbGrant;

    @BeforeEach
    void twoGrants() throws Exception {
        start = org.clock().instant();
        stripeGrant = approved("stripe-api-key", "30m");
        dbGrant = approved("db-url", "6m");
    }

    private String approved(String secret, String duration) {
        String id = org.request("ada", Map.of("scope", "payments/prod", "secrets", List.of(secret),
                "duration", duration, "justification", "PAY-12 refund investigation")).json().path("id").asText();
        return org.act("joan", id, "approve", Map.of()).json().path("grant").path("id").asText();
    }

    /** The resolved entries by ref. */
    private Map<String, JsonNode> resolved(String... refs) {
        JsonNode answer = org.api().post("/v1/secrets:resolve", org.token("ada"), Api.json(Map.of("refs", List.of(refs))))
                .json();
        Map<String, JsonNode> out = new HashMap<>();
        answer.path("resolved").forEach(r -> out.put(r.path("ref").asText(), r));
        return out;
    }

    @Test
    void eachSecretEndsWithItsOwnGrantAndNamesIt() {
        Map<String, JsonNode> r = resolved(PROD_DB, PROD_STRIPE);
        assertThat(Instant.parse(r.get(PROD_DB).path("accessEndsAt").asText())).isEqualTo(start.plus(Duration.ofMinutes(6)));
        assertThat(r.get(PROD_DB).path("grantId").asText()).isEqualTo(dbGrant);
        assertThat(Instant.parse(r.get(PROD_STRIPE).path("accessEndsAt").asText()))
                .isEqualTo(start.plus(Duration.ofMinutes(30)));
        assertThat(r.get(PROD_STRIPE).path("grantId").asText()).isEqualTo(stripeGrant);
        assertThat(org.resolve("ada", PROD_PAGER)).containsEntry(PROD_PAGER, "request_needed");

        org.clock().advance(Duration.ofMinutes(6));
        assertThat(org.resolve("ada", PROD_DB, PROD_STRIPE)).containsEntry(PROD_DB, "request_needed")
                .containsEntry(PROD_STRIPE, "value");
    }

    @Test
    void meListsEachActiveGrantWithTheSecretsItCovers() {
        JsonNode grants = org.api().get("/v1/me", org.token("ada")).json().path("grants");
        assertThat(grants).hasSize(2);
        Map<String, JsonNode> byId = new HashMap<>();
        grants.forEach(g -> byId.put(g.path("id").asText(), g));
        assertThat(byId.get(dbGrant).path("secrets").toString()).isEqualTo("[\"db-url\"]");
        assertThat(byId.get(dbGrant).path("scope").asText()).isEqualTo("payments/prod");
        assertThat(Instant.parse(byId.get(dbGrant).path("endsAt").asText())).isEqualTo(start.plus(Duration.ofMinutes(6)));
        assertThat(byId.get(dbGrant).path("state").asText()).isEqualTo("active");
        assertThat(Instant.parse(byId.get(stripeGrant).path("endsAt").asText()))
                .isEqualTo(start.plus(Duration.ofMinutes(30)));

        org.clock().advance(Duration.ofMinutes(6));
        assertThat(org.api().get("/v1/me", org.token("ada")).json().path("grants")).singleElement()
                .satisfies(g -> assertThat(g.path("id").asText()).isEqualTo(stripeGrant));
    }

    @Test
    void anApprovedExtensionCarriesTheSecretOnAndBecomesTheGrantToExtend() {
        String extension = org.api().post("/v1/grants/" + dbGrant + ":extend", org.token("ada"),
                Api.json(Map.of("duration", "20m", "justification", "PAY-12 takes longer"))).json().path("id").asText();
        String next = org.act("joan", extension, "approve", Map.of()).json().path("grant").path("id").asText();

        JsonNode db = resolved(PROD_DB).get(PROD_DB);
        assertThat(Instant.parse(db.path("accessEndsAt").asText())).isEqualTo(start.plus(Duration.ofMinutes(26)));
        assertThat(db.path("grantId").asText()).isEqualTo(next);
        org.clock().advance(Duration.ofMinutes(10));
        assertThat(resolved(PROD_DB).get(PROD_DB).path("grantId").asText()).isEqualTo(next);
    }

    @Test
    void standingAccessHasNeitherAnEndNorAGrant() {
        String ref = "latchkey://payments/dev/db-url";
        JsonNode dev = resolved(ref).get(ref);
        assertThat(dev.has("accessEndsAt")).isFalse();
        assertThat(dev.has("grantId")).isFalse();
    }
}
