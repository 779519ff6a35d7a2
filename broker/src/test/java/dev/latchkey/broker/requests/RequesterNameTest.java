package dev.latchkey.broker.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.broker.testing.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reviewers see who asks by the name the IdP gives (the token's name claim), beside the username. */
class RequesterNameTest {

    @Test
    void requesterNameIsTheTokensNameClaimAndRequesterTheUsername() throws Exception {
        try (DemoBroker org = new DemoBroker()) {
            org.start();
            String adaLovelace = org.issuer().token(org.issuer().signingKey(),
                    c -> c.claim("name", "Ada\nLovelace"), "ada", "payments-dev");
            Api.Answer filed = org.api().post("/v1/access-requests", adaLovelace, Api.json(Map.of("scope", "payments/prod",
                    "duration", "30m", "justification", "PAY-9 refund check")));
            assertThat(filed.status()).as(filed.body()).isEqualTo(201);

            JsonNode seen = org.api().get("/v1/access-requests?toReview", org.token("grace")).json()
                    .path("requests").get(0);
            assertThat(seen.path("requester").asText()).isEqualTo("ada");
            assertThat(seen.path("requesterName").asText()).isEqualTo("Ada Lovelace");

            // A token without a name claim: the username stands in.
            String id = org.file("grace", "payments/staging", "1h", "quick look");
            assertThat(org.api().get("/v1/access-requests/" + id, org.token("grace")).json().path("requesterName").asText())
                    .isEqualTo("grace");
        }
    }
}
