package dev.latchkey.broker.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.broker.testing.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A request for access the requester already holds says so, instead of making a second, overlapping grant. */
class HeldGrantTest {

    @RegisterExtension
    final DemoBroker org = new DemoBroker();

    @Test
    void askingAgainForAScopeYouHoldIsAConflictThatNamesTheGrantToExtend() {
        String first = org.file("ada", "payments/staging", "2h", "load test");
        String grant = org.api().get("/v1/access-requests/" + first, org.token("ada")).json().path("grant").path("id").asText();

        Map<String, Object> again = Map.of("scope", "payments/staging", "duration", "1h", "justification", "more load");
        Api.Answer refused = org.request("ada", again);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error").asText()).isEqualTo("already_granted");
        assertThat(refused.json().path("field").asText()).isEqualTo("scope");
        assertThat(refused.json().path("message").asText()).contains("you already hold payments/staging until ",
                "(grant " + grant + "); extend that grant instead");
        JsonNode dry = org.dryRun("ada", again).json();
        assertThat(dry.path("problems").get(0).path("message").asText()).contains("grant " + grant);
        assertThat(org.api().get("/v1/grants", org.token("ada")).json().path("grants")).hasSize(1);

        Api.Answer extended = org.api().post("/v1/grants/" + grant + ":extend", org.token("ada"),
                Api.json(Map.of("duration", "1h", "justification", "more load")));
        assertThat(extended.status()).as(extended.body()).isEqualTo(201);
        assertThat(extended.json().path("extendsGrant").asText()).isEqualTo(grant);
    }

    @Test
    void aRequestThatStartsAfterTheGrantEndsIsFiledButOneForLessThanItCoversIsNot() {
        org.file("ada", "payments/staging", "1h", "load test");
        String later = org.clock().instant().plus(Duration.ofHours(2)).toString();
        assertThat(org.request("ada", Map.of("scope", "payments/staging", "duration", "1h", "justification", "tomorrow",
                "startAt", later)).status()).isEqualTo(201);

        org.file("grace", "payments/staging", "1h", "one secret");
        assertThat(org.request("grace", Map.of("scope", "payments/staging", "duration", "1h", "justification", "x",
                "secrets", List.of("db-url"))).status()).as("a whole-scope grant covers one secret").isEqualTo(409);
    }

    @Test
    void aPartialGrantDoesNotStopARequestForTheWholeScopeAndARevokedOneStopsNothing() {
        Api.Answer partial = org.request("ada", Map.of("scope", "payments/staging", "duration", "1h",
                "justification", "db only", "secrets", List.of("db-url")));
        assertThat(partial.status()).isEqualTo(201);
        String grant = partial.json().path("grant").path("id").asText();
        assertThat(org.request("ada", Map.of("scope", "payments/staging", "duration", "1h", "justification",
                "db again", "secrets", List.of("db-url"))).status()).isEqualTo(409);

        Api.Answer whole = org.request("ada", Map.of("scope", "payments/staging", "duration", "1h", "justification", "all"));
        assertThat(whole.status()).as(whole.body()).isEqualTo(201);

        org.api().post("/v1/grants/" + whole.json().path("grant").path("id").asText() + ":revoke", org.token("ada"), "{}");
        org.api().post("/v1/grants/" + grant + ":revoke", org.token("ada"), "{}");
        assertThat(org.request("ada", Map.of("scope", "payments/staging", "duration", "1h", "justification", "anew"))
                .status()).isEqualTo(201);
    }
}
