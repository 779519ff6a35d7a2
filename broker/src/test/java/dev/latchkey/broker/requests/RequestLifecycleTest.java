package dev.latchkey.broker.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.broker.testing.Api;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every state a request can reach over HTTP, and every move the rules forbid. */
class RequestLifecycleTest {

    @RegisterExtension
    static final DemoBroker org = new DemoBroker();

    @AfterEach
    void revokeGrants() {
        org.revokeEveryGrant();
    }

    static String prod(String user) {
        return org.file(user, "payments/prod", "1h", "PAY-42 refund investigation");
    }

    @Test
    void aReviewerApprovesAndTheRequestBecomesAGrantFromNow() {
        Instant now = org.clock().instant();
        Api.Answer filed = org.request("ada", Map.of("scope", "payments/prod", "duration", "PT1H",
                "justification", "PAY-42 refund investigation", "secrets", List.of("db-url")));
        assertThat(filed.status()).isEqualTo(201);
        JsonNode r = filed.json();
        assertThat(r.path("state").asText()).isEqualTo("pending");
        assertThat(r.path("requester").asText()).isEqualTo("ada");
        assertThat(r.path("duration").asText()).isEqualTo("PT1H");
        assertThat(r.path("durationSeconds").asLong()).isEqualTo(3600);
        assertThat(r.path("reviewers").toString()).isEqualTo("[\"payments-leads\"]");
        assertThat(r.path("secrets").toString()).isEqualTo("[\"db-url\"]");
        assertThat(Instant.parse(r.path("expiresAt").asText())).isEqualTo(now.plusSeconds(24 * 3600));
        assertThat(r.has("decidedBy")).isTrue();
        assertThat(r.path("decidedBy").isNull()).isTrue();
        assertThat(r.path("grant").isNull()).isTrue();
        String id = r.path("id").asText();
        assertThat(id).startsWith("r_");

        Api.Answer approved = org.act("joan", id, "approve", Map.of("reason", "on call this week"));
        assertThat(approved.status()).isEqualTo(200);
        JsonNode a = approved.json();
        assertThat(a.path("state").asText()).isEqualTo("approved");
        assertThat(a.path("decidedBy").asText()).isEqualTo("joan");
        assertThat(a.path("reason").asText()).isEqualTo("on call this week");
        JsonNode grant = a.path("grant");
        assertThat(grant.path("id").asText()).startsWith("g_");
        assertThat(grant.path("state").asText()).isEqualTo("active");
        assertThat(grant.path("grantee").asText()).isEqualTo("ada");
        assertThat(Instant.parse(grant.path("startsAt").asText())).isEqualTo(now);
        assertThat(Instant.parse(grant.path("endsAt").asText())).isEqualTo(now.plusSeconds(3600));

        assertThat(org.auditOf(id)).containsExactly("request.create pending", "request.approve approved");
        assertThat(org.api().get("/v1/access-requests/" + id, org.token("ada")).json().path("state").asText())
                .isEqualTo("approved");
    }

    @Test
    void aShortStagingRequestIsApprovedByTheNamedRule() {
        Api.Answer filed = org.request("ada", Map.of("scope", "payments/staging", "duration", "4h",
                "justification", "load test"));
        assertThat(filed.status()).isEqualTo(201);
        JsonNode r = filed.json();
        assertThat(r.path("state").asText()).isEqualTo("approved");
        assertThat(r.path("decidedBy").asText()).isEqualTo("policy:staging-short");
        assertThat(r.path("grant").path("state").asText()).isEqualTo("active");
        assertThat(org.auditOf(r.path("id").asText()))
                .containsExactly("request.create pending", "request.auto-approve approved");
    }

    @Test
    void aReviewerDeniesWithAReasonAndADenialWithoutOneIsRefused() {
        String id = prod("ada");
        Api.Answer noReason = org.act("joan", id, "deny", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(noReason.json().path("field").asText()).isEqualTo("reason");
        assertThat(org.act("joan", id, "deny", Map.of("reason", "  ")).status()).isEqualTo(400);

        Api.Answer denied = org.act("joan", id, "deny", Map.of("reason", "use staging"));
        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.json().path("state").asText()).isEqualTo("denied");
        assertThat(denied.json().path("reason").asText()).isEqualTo("use staging");
        assertThat(denied.json().path("grant").isNull()).isTrue();
        assertThat(org.auditOf(id)).containsExactly("request.create pending", "request.deny denied");
    }

    @Test
    void theRequesterCancelsWhilePendingAndNobodyElseMay() {
        String id = prod("ada");
        Api.Answer byReviewer = org.act("joan", id, "cancel", Map.of());
        assertThat(byReviewer.status()).isEqualTo(403);
        assertThat(byReviewer.json().path("message").asText()).contains("only ada");
        assertThat(org.act("linus", id, "cancel", Map.of()).status()).isEqualTo(404);

        Api.Answer cancelled = org.api().post("/v1/access-requests/" + id + ":cancel", org.token("ada"), "{}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("state").asText()).isEqualTo("cancelled");
        assertThat(cancelled.json().path("decidedBy").asText()).isEqualTo("ada");

        Api.Answer approveCancelled = org.act("joan", id, "approve", Map.of());
        assertThat(approveCancelled.status()).isEqualTo(409);
        assertThat(approveCancelled.json().path("error").asText()).isEqualTo("conflict");
        assertThat(approveCancelled.json().path("message").asText()).contains("was cancelled by ada");
        assertThat(org.act("ada", id, "cancel", Map.of()).status()).isEqualTo(409);
        assertThat(org.auditOf(id)).containsExactly("request.create pending", "request.cancel cancelled");
    }

    @Test
    void aDecidedRequestCannotBeDecidedAgainNorCancelled() {
        String id = prod("ada");
        assertThat(org.act("joan", id, "approve", Map.of()).status()).isEqualTo(200);

        Api.Answer twice = org.act("grace", id, "approve", Map.of());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("message").asText())
                .isEqualTo("request " + id + " is already approved by joan at " + org.clock().instant());
        assertThat(org.act("grace", id, "deny", Map.of("reason", "too late")).status()).isEqualTo(409);
        assertThat(org.act("ada", id, "cancel", Map.of()).status()).isEqualTo(409);
        assertThat(org.auditOf(id)).containsExactly("request.create pending", "request.approve approved");
    }

    @Test
    void nobodyApprovesTheirOwnRequestNorDecidesOneTheyDoNotReview() {
        String graces = prod("grace");
        Api.Answer self = org.act("grace", graces, "approve", Map.of());
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.json().path("message").asText()).contains("your own request");
        assertThat(org.act("grace", graces, "deny", Map.of("reason", "x")).status()).isEqualTo(403);

        Api.Answer admin = org.act("root", graces, "approve", Map.of());
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.json().path("message").asText()).contains("payments-leads");
        assertThat(org.act("ada", graces, "approve", Map.of()).status()).isEqualTo(404);
        assertThat(org.act("linus", graces, "deny", Map.of("reason", "x")).status()).isEqualTo(404);

        assertThat(org.act("joan", graces, "approve", Map.of()).status()).isEqualTo(200);
        assertThat(org.auditOf(graces)).containsExactly("request.create pending", "request.approve approved");
    }

    @Test
    void anUnknownRequestIsNotFound() {
        assertThat(org.act("joan", "r_nope", "approve", Map.of()).status()).isEqualTo(404);
        assertThat(org.api().get("/v1/access-requests/r_nope", org.token("joan")).json().path("error").asText())
                .isEqualTo("not_found");
    }

    @Test
    void aRequestIsVisibleToItsRequesterTheReviewersAndAdminsOnly() {
        String id = prod("ada");
        for (String user : List.of("ada", "joan", "grace", "root")) {
            assertThat(org.api().get("/v1/access-requests/" + id, org.token(user)).status()).as(user).isEqualTo(200);
        }
        assertThat(org.api().get("/v1/access-requests/" + id, org.token("linus")).status()).isEqualTo(404);
        assertThat(org.api().get("/v1/access-requests/" + id, org.token("eve")).status()).isEqualTo(404);
    }

    @Test
    void reviewersSeeWhatTheyMayDecideAndRequestersTheirOwnNewestFirst() {
        String first = prod("ada");
        String second = prod("ada");
        String graces = prod("grace");

        List<String> mine = org.api().get("/v1/access-requests?mine", org.token("ada")).json().path("requests")
                .valueStream().map(r -> r.path("id").asText()).toList();
        assertThat(mine.indexOf(second)).isLessThan(mine.indexOf(first)).isNotNegative();
        assertThat(mine).doesNotContain(graces);

        List<String> joans = ids(org.api().get("/v1/access-requests?toReview", org.token("joan")));
        assertThat(joans).contains(first, second, graces);
        List<String> graceReviews = ids(org.api().get("/v1/access-requests?toReview=true", org.token("grace")));
        assertThat(graceReviews).contains(first, second).doesNotContain(graces);
        assertThat(ids(org.api().get("/v1/access-requests?toReview", org.token("ada")))).isEmpty();
        assertThat(ids(org.api().get("/v1/access-requests?toReview", org.token("root")))).isEmpty();

        org.act("joan", first, "approve", Map.of());
        assertThat(ids(org.api().get("/v1/access-requests?toReview", org.token("joan")))).doesNotContain(first);
    }

    @Test
    void badInputNamesItsFieldAndPolicyLimitsNameTheLimit() {
        assertError(Map.of("scope", "payments/prod", "duration", "4h", "justification", "PAY-42 refund investigation"),
                422, "policy_limit", "duration", "payments/prod allows at most 1h; you asked for 4h");
        assertError(Map.of("scope", "payments/prod", "duration", "1h", "justification", "refund"),
                422, "policy_limit", "justification", "at least 10 characters");
        assertError(Map.of("scope", "payments/prod", "duration", "soon", "justification", "PAY-42 refund investigation"),
                400, "invalid_request", "duration", "not a duration");
        assertError(Map.of("scope", "payments/prod", "justification", "PAY-42 refund investigation"),
                400, "invalid_request", "duration", "say how long");
        assertError(Map.of("scope", "payments/prod", "duration", "1h"),
                400, "invalid_request", "justification", "say why");
        assertError(Map.of("scope", "payments/prod", "duration", "1h", "justification", " "),
                422, "policy_limit", "justification", "say why");
        // A well-formed name the scope lacks is not malformed input: the request is beyond the scope.
        assertError(Map.of("scope", "payments/prod", "duration", "1h", "justification", "PAY-42 refund investigation",
                "secrets", List.of("nope")), 422, "policy_limit", "secrets", "no secret named 'nope'");
        assertError(Map.of("scope", "payments/prod", "duration", "1h", "justification", "PAY-42 refund investigation",
                "startAt", "yesterday"), 400, "invalid_request", "startAt", "ISO-8601");
        assertError(Map.of("scope", "payments", "duration", "1h", "justification", "x"),
                400, "invalid_request", "scope", "team/env");
        assertError(Map.of("scope", "search/dev", "duration", "1h", "justification", "curious about search"),
                403, "forbidden", "scope", "search/dev");
        assertError(Map.of("scope", "payments/dev", "duration", "1h", "justification", "curious about it"),
                403, "forbidden", "scope", "already read payments/dev");
        assertThat(org.api().post("/v1/access-requests", org.token("ada"), "not json").status()).isEqualTo(400);
        assertThat(org.api().post("/v1/access-requests", null, "{}").status()).isEqualTo(401);
    }

    @Test
    void noAuditRowOrAnswerCarriesAValue() {
        String id = org.file("ada", "payments/staging", "1h", "checking the db");
        org.resolve("ada", "latchkey://payments/staging/db-url");
        String audit = org.wholeAudit();
        String mine = org.api().get("/v1/access-requests?mine", org.token("ada")).body();
        for (String value : DemoOrganisation.values().values()) {
            assertThat(audit).doesNotContain(value);
            assertThat(mine).doesNotContain(value);
        }
        assertThat(org.auditOf(id)).isNotEmpty();
    }

    private static void assertError(Map<String, Object> body, int status, String code, String field, String message) {
        Api.Answer a = org.request("ada", body);
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.json().path("error").asText()).isEqualTo(code);
        assertThat(a.json().path("field").asText()).isEqualTo(field);
        assertThat(a.json().path("message").asText()).contains(message);
    }

    private static List<String> ids(Api.Answer answer) {
        return answer.json().path("requests").valueStream().map(r -> r.path("id").asText()).toList();
    }
}
