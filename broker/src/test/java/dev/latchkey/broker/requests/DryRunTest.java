package dev.latchkey.broker.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.broker.testing.Api;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A dry run says exactly what the same submit then does, for every rule of the demo policy. */
class DryRunTest {

    @RegisterExtension
    static final DemoBroker org = new DemoBroker();

    @AfterEach
    void revokeGrants() {
        org.revokeEveryGrant();
    }

    /** user, scope, duration, justification, outcome, rule, submit status, problem field or "". */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("ada", "payments/staging", "4h", "load test", "auto-approved", "staging-short", 201, ""),
                Arguments.of("ada", "payments/staging", "PT4H", "load test", "auto-approved", "staging-short", 201, ""),
                Arguments.of("ada", "payments/staging", "5h", "load test", "needs-approval", null, 201, ""),
                Arguments.of("ada", "payments/staging", "8h", "load test", "needs-approval", null, 201, ""),
                Arguments.of("ada", "payments/staging", "8h1s", "load test", "not-allowed", null, 422, "duration"),
                Arguments.of("grace", "payments/staging", "90m", "quick look", "auto-approved", "staging-short", 201, ""),
                Arguments.of("ada", "payments/prod", "1h", "PAY-42 refund investigation", "needs-approval", null, 201, ""),
                Arguments.of("ada", "payments/prod", "4h", "PAY-42 refund investigation", "not-allowed", null, 422,
                        "duration"),
                Arguments.of("ada", "payments/prod", "30m", "refund", "needs-approval", null, 422, "justification"),
                Arguments.of("ada", "search/dev", "1h", "curious about search", "not-allowed", null, 403, "scope"),
                Arguments.of("linus", "payments/staging", "1h", "curious about payments", "not-allowed", null, 403,
                        "scope"),
                Arguments.of("ada", "payments/dev", "1h", "already readable", "not-allowed", null, 403, "scope"),
                Arguments.of("ada", "payments/prod", "0s", "PAY-42 refund investigation", "not-allowed", null, 422,
                        "duration"));
    }

    @ParameterizedTest(name = "{0} asks {1} for {2}: {4}, then {6}")
    @MethodSource("cases")
    void theDryRunPredictsTheSubmit(String user, String scope, String duration, String justification, String outcome,
            String rule, int status, String problemField) {
        Map<String, Object> body = Map.of("scope", scope, "duration", duration, "justification", justification);
        int before = org.api().get("/v1/access-requests", org.token(user)).json().path("requests").size();

        Api.Answer dry = org.dryRun(user, body);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        JsonNode d = dry.json();
        assertThat(d.path("outcome").asText()).isEqualTo(outcome);
        assertThat(d.path("rule").isNull() ? null : d.path("rule").asText()).isEqualTo(rule);
        assertThat(d.path("requiredFields").toString()).contains("justification").contains("duration");
        assertThat(org.api().get("/v1/access-requests", org.token(user)).json().path("requests").size())
                .as("a dry run creates nothing").isEqualTo(before);

        Api.Answer real = org.request(user, body);
        assertThat(real.status()).as(real.body()).isEqualTo(status);
        if (problemField.isEmpty()) {
            assertThat(d.path("problems")).isEmpty();
            assertThat(real.json().path("state").asText())
                    .isEqualTo(outcome.equals("auto-approved") ? "approved" : "pending");
            if (rule != null) {
                assertThat(real.json().path("decidedBy").asText()).isEqualTo("policy:" + rule);
            }
        } else {
            JsonNode problem = d.path("problems").get(0);
            assertThat(problem.path("field").asText()).isEqualTo(problemField);
            assertThat(real.json().path("field").asText()).isEqualTo(problemField);
            assertThat(real.json().path("message").asText()).isEqualTo(problem.path("message").asText());
        }
    }

    @Test
    void aBodyTheDocumentForbidsIsRefusedByTheDryRunAsByTheSubmit() {
        Map<String, Object> body = Map.of("scope", "payments/prod", "duration", "an hour",
                "justification", "PAY-42 refund investigation");
        Api.Answer dry = org.dryRun("ada", body);
        Api.Answer real = org.request("ada", body);
        assertThat(dry.status()).as(dry.body()).isEqualTo(400);
        assertThat(dry.json().path("field").asText()).isEqualTo("duration");
        assertThat(real.status()).isEqualTo(400);
        assertThat(real.json().path("message").asText()).isEqualTo(dry.json().path("message").asText());
        assertThat(org.dryRun("ada", Map.of("scope", "payments/prod")).json().path("field").asText())
                .as("a dry run needs every required field too").isEqualTo("justification");
    }

    @Test
    void theDryRunNamesTheLimitsReviewersAndRule() {
        JsonNode staging = org.dryRun("ada", Map.of("scope", "payments/staging", "justification", "",
                "duration", "1d")).json();
        assertThat(staging.path("maxDuration").asText()).isEqualTo("PT8H");
        assertThat(staging.path("maxDurationSeconds").asLong()).isEqualTo(8 * 3600);
        assertThat(staging.path("autoApprovedUpTo").asText()).isEqualTo("PT4H");
        assertThat(staging.path("reviewers").toString()).isEqualTo("[\"payments-leads\"]");
        assertThat(staging.path("problems").valueStream().map(p -> p.path("field").asText()))
                .containsExactlyInAnyOrder("justification", "duration");

        JsonNode prod = org.dryRun("ada", Map.of("scope", "payments/prod", "duration", "4h",
                "justification", "PAY-42 refund investigation")).json();
        assertThat(prod.path("outcome").asText()).isEqualTo("not-allowed");
        assertThat(prod.path("maxDuration").asText()).isEqualTo("PT1H");
        assertThat(prod.path("autoApprovedUpTo").isNull()).isTrue();
        assertThat(prod.path("problems").get(0).path("message").asText())
                .isEqualTo("payments/prod allows at most 1h; you asked for 4h");
    }
}
