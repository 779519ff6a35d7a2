package dev.latchkey.core.brokerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * What the client sends for the access-request, grant and sandbox calls, and how it reads the
 * contract's answers and errors. MockWebServer stands in only to pin the wire format and feed
 * answers a good broker never gives; the real broker is exercised by the CLI's end-to-end tests.
 */
class AccessRequestsWireTest {

    private static final String TOKEN = "access-token-must-never-show-" + System.nanoTime();

    static final String GRANT = """
            {"id":"g_1","requestId":"r_1","grantee":"ada","scope":"payments/staging","secrets":[],
             "startsAt":"2026-11-29T05:00:00Z","endsAt":"2026-11-29T06:00:00Z","state":"active",
             "revokedBy":null,"revokedAt":null}""";

    static final String APPROVED = """
            {"id":"r_1","requester":"ada","requesterName":"Ada Lovelace","scope":"payments/staging",
             "secrets":["db-url"],"justification":"PAY-1 debugging","duration":"PT1H","durationSeconds":3600,
             "startAt":null,"createdAt":"2026-11-29T05:00:00Z","state":"approved","expiresAt":"2026-11-30T05:00:00Z",
             "reviewers":["payments-leads"],"decidedBy":"policy:staging-short","decidedAt":"2026-11-29T05:00:00Z",
             "reason":null,"extendsGrant":null,"grant":""" + GRANT + "}";

    @Test
    void requestAccessSendsTheFormAndReadsAnAutoApprovalWithItsGrant() throws Exception {
        try (MockWebServer server = server(json(201, APPROVED))) {
            AccessRequest r = client(server).requestAccess(new AccessRequestForm("payments/staging", List.of("db-url"),
                    "PAY-1 debugging", Duration.ofHours(1), Optional.of(Instant.parse("2026-11-29T05:00:00Z"))));
            assertThat(r.state()).isEqualTo(AccessRequest.State.APPROVED);
            assertThat(r.autoApproved()).isTrue();
            assertThat(r.duration()).isEqualTo(Duration.ofHours(1));
            assertThat(r.grant()).get().satisfies(g -> {
                assertThat(g.id()).isEqualTo("g_1");
                assertThat(g.state()).isEqualTo(Grant.State.ACTIVE);
                assertThat(g.endsAt()).isEqualTo(Instant.parse("2026-11-29T06:00:00Z"));
            });
            RecordedRequest sent = server.takeRequest();
            assertThat(sent.getMethod()).isEqualTo("POST");
            assertThat(sent.getTarget()).isEqualTo("/v1/access-requests");
            assertThat(sent.getBody().utf8()).isEqualTo("{\"scope\":\"payments/staging\",\"secrets\":[\"db-url\"],"
                    + "\"justification\":\"PAY-1 debugging\",\"duration\":\"PT1H\",\"startAt\":\"2026-11-29T05:00:00Z\"}");
        }
    }

    @Test
    void dryRunAsksWithoutCreatingAndReadsProblems() throws Exception {
        try (MockWebServer server = server(json(200, """
                {"scope":"payments/prod","outcome":"needs-approval","rule":null,"reviewers":["payments-leads"],
                 "maxDuration":"PT1H","maxDurationSeconds":3600,"autoApprovedUpTo":null,
                 "requiredFields":["justification"],
                 "problems":[{"field":"duration","message":"payments/prod allows at most 1h; you asked for 4h"}]}"""))) {
            DryRun d = client(server).dryRun(AccessRequestForm.of("payments/prod", Duration.ofHours(4), "x"));
            assertThat(d.outcome()).isEqualTo(DryRun.Outcome.NEEDS_APPROVAL);
            assertThat(d.maxDuration()).contains(Duration.ofHours(1));
            assertThat(d.autoApprovedUpTo()).isEmpty();
            assertThat(d.problems()).containsExactly(
                    new DryRun.Problem("duration", "payments/prod allows at most 1h; you asked for 4h"));
            assertThat(server.takeRequest().getTarget()).isEqualTo("/v1/access-requests?dryRun=true");
        }
    }

    @Test
    void listingsDecisionsGrantsAndSandboxesUseTheContractsPaths() throws Exception {
        try (MockWebServer server = server(
                json(200, "{\"requests\":[" + APPROVED + "]}"),
                json(200, "{\"requests\":[]}"),
                json(200, APPROVED),
                json(200, APPROVED),
                json(200, APPROVED),
                json(200, APPROVED),
                json(200, "{\"grants\":[" + GRANT + "]}"),
                json(200, GRANT.replace("\"active\"", "\"revoked\"")),
                json(201, APPROVED),
                json(200, "{\"sandboxes\":[{\"name\":\"payments-sandbox\",\"scope\":\"payments/dev\",\"audience\":\"a\","
                        + "\"maxTtl\":\"PT15M\",\"maxTtlSeconds\":900,\"mayMint\":true,\"accessEnds\":null}]}"),
                json(201, "{\"sandbox\":\"payments-sandbox\",\"token\":\"tok\",\"tokenType\":\"Bearer\",\"audience\":\"a\","
                        + "\"scope\":\"payments/dev\",\"issuedAt\":\"2026-11-29T05:00:00Z\","
                        + "\"expiresAt\":\"2026-11-29T05:10:00Z\",\"jti\":\"j1\"}"))) {
            BrokerClient c = client(server);
            assertThat(c.myRequests()).hasSize(1);
            assertThat(c.requestsToReview()).isEmpty();
            c.accessRequest("r_1");
            c.cancel("r_1");
            c.approve("r_1", null);
            c.deny("r_1", "not today");
            assertThat(c.grants()).singleElement().extracting(Grant::scope).isEqualTo("payments/staging");
            assertThat(c.revokeGrant("g_1", "done").state()).isEqualTo(Grant.State.REVOKED);
            c.extendGrant("g_1", Duration.ofMinutes(30), "PAY-1 still debugging");
            assertThat(c.sandboxes()).singleElement().satisfies(s -> {
                assertThat(s.maxTtl()).isEqualTo(Duration.ofMinutes(15));
                assertThat(s.mayMint()).isTrue();
                assertThat(s.accessEnds()).isEmpty();
            });
            SandboxToken t = c.mintSandboxToken("payments-sandbox", Duration.ofMinutes(10));
            assertThat(t.issuedAt()).isEqualTo(Instant.parse("2026-11-29T05:00:00Z"));
            assertThat(t.jti()).isEqualTo("j1");
            assertThat(t.toString()).doesNotContain("tok,");

            record Sent(String method, String target, String body) {
            }
            List<Sent> expected = List.of(
                    new Sent("GET", "/v1/access-requests?mine", ""),
                    new Sent("GET", "/v1/access-requests?toReview", ""),
                    new Sent("GET", "/v1/access-requests/r_1", ""),
                    new Sent("POST", "/v1/access-requests/r_1:cancel", "{}"),
                    new Sent("POST", "/v1/access-requests/r_1:approve", "{}"),
                    new Sent("POST", "/v1/access-requests/r_1:deny", "{\"reason\":\"not today\"}"),
                    new Sent("GET", "/v1/grants", ""),
                    new Sent("POST", "/v1/grants/g_1:revoke", "{\"reason\":\"done\"}"),
                    new Sent("POST", "/v1/grants/g_1:extend", "{\"duration\":\"PT30M\",\"justification\":\"PAY-1 still debugging\"}"),
                    new Sent("GET", "/v1/sandboxes", ""),
                    new Sent("POST", "/v1/sandbox-tokens", "{\"sandbox\":\"payments-sandbox\",\"ttl\":\"PT10M\"}"));
            for (Sent e : expected) {
                RecordedRequest r = server.takeRequest();
                assertThat(new Sent(r.getMethod(), r.getTarget(), r.getBody() == null ? "" : r.getBody().utf8()))
                        .isEqualTo(e);
                assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
            }
        }
    }

    @Test
    void anIdCannotReachAnotherPath() throws Exception {
        try (MockWebServer server = server(json(404, "{\"error\":\"not_found\",\"message\":\"no such request\"}"))) {
            assertThatThrownBy(() -> client(server).approve("../../grants/g_1", "x"))
                    .isInstanceOf(AccessDeniedException.class);
            assertThat(server.takeRequest().getTarget()).isEqualTo("/v1/access-requests/..%2F..%2Fgrants%2Fg_1:approve");
        }
    }

    @Test
    void errorsAreTypedCarryTheFieldAndNeverTheToken() throws Exception {
        record Case(MockResponse response, Class<? extends BrokerException> type, String says, String field) {
        }
        List<Case> corpus = List.of(
                new Case(json(400, "{\"error\":\"invalid_request\",\"message\":\"give a duration such as 1h\",\"field\":\"duration\"}"),
                        InvalidRequestException.class, "give a duration such as 1h", "duration"),
                new Case(json(422, "{\"error\":\"policy_limit\",\"message\":\"payments/prod allows at most 1h; you asked for 4h\",\"field\":\"duration\"}"),
                        InvalidRequestException.class, "payments/prod allows at most 1h; you asked for 4h", "duration"),
                new Case(json(422, "{\"error\":\"policy_limit\"}"), InvalidRequestException.class, "policy_limit", null),
                new Case(json(422, "not json"), InvalidRequestException.class, "beyond the scope's policy (HTTP 422)", null),
                new Case(json(400, "{\"message\":\"two\\nlines\",\"field\":7}"), InvalidRequestException.class, "two lines", null),
                new Case(json(403, "{\"error\":\"forbidden\",\"message\":\"you cannot approve your own request\"}"),
                        AccessDeniedException.class, "you cannot approve your own request", null),
                new Case(json(409, "{\"error\":\"conflict\",\"message\":\"request r_1 is already approved by grace at 2026-11-29T05:00:00Z\"}"),
                        ConflictException.class, "already approved by grace", null),
                new Case(json(409, ""), ConflictException.class, "HTTP 409", null),
                new Case(json(401, "{}"), NotSignedInException.class, "no longer accepts your sign-in", null),
                new Case(json(500, "{\"message\":\"" + "x".repeat(5000) + "\"}"), BrokerUnreachableException.class, "HTTP 500", null),
                new Case(json(418, "{\"message\":\"teapot\"}"), BrokerProtocolException.class, "HTTP 418: teapot", null),
                new Case(json(201, "[]"), BrokerProtocolException.class, "not a JSON object", null),
                new Case(json(201, "{\"id\":\"r_1\"}"), BrokerProtocolException.class, "'requester' is missing", null),
                new Case(json(201, APPROVED.replace("\"scope\":\"payments/staging\",\n \"secrets\"", "\"scope\":null,\n \"secrets\"")),
                        BrokerProtocolException.class, "'scope' is missing", null),
                new Case(json(201, APPROVED.replace("\"secrets\":[\"db-url\"]", "\"secrets\":\"db-url\"")),
                        BrokerProtocolException.class, "'secrets' is not a list", null),
                new Case(json(201, APPROVED.replace("\"requester\":\"ada\"", "\"requester\":7")),
                        BrokerProtocolException.class, "'requester' is not text", null),
                new Case(json(201, APPROVED.replace("\"id\":\"g_1\",", "")),
                        BrokerProtocolException.class, "'grant.id' is missing", null),
                new Case(json(201, APPROVED.replace("\"active\"", "\"dormant\"")),
                        BrokerProtocolException.class, "'grant.state' is a word this client does not know", null),
                new Case(json(201, APPROVED.replace("\"approved\"", "\"pondering\"")), BrokerProtocolException.class,
                        "'state' is a word this client does not know", null),
                new Case(json(201, APPROVED.replace("\"approved\"", "\"<script>\\n\"")), BrokerProtocolException.class,
                        "'state' is a word this client does not know", null),
                new Case(json(201, APPROVED.replace("\"durationSeconds\":3600", "\"durationSeconds\":-5")),
                        BrokerProtocolException.class, "'durationSeconds' is negative", null),
                new Case(json(201, APPROVED.replace(",\"durationSeconds\":3600", "").replace("PT1H", "an hour")),
                        BrokerProtocolException.class, "'duration' is not an ISO-8601 duration", null),
                new Case(json(201, APPROVED.replace("\"createdAt\":\"2026-11-29T05:00:00Z\"", "\"createdAt\":\"yesterday\"")),
                        BrokerProtocolException.class, "'createdAt' is not an ISO-8601 time", null),
                new Case(json(201, APPROVED.replace("\"endsAt\":\"2026-11-29T06:00:00Z\"", "\"endsAt\":null")),
                        BrokerProtocolException.class, "'grant.endsAt' is missing", null));
        for (Case c : corpus) {
            try (MockWebServer server = server(c.response())) {
                assertThatThrownBy(() -> client(server).requestAccess(AccessRequestForm.of("payments/prod", Duration.ofHours(4), "why")))
                        .as(c.says())
                        .isInstanceOf(c.type()).hasMessageContaining(c.says()).hasMessageNotContaining(TOKEN)
                        .satisfies(e -> {
                            assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(600);
                            if (e instanceof InvalidRequestException i) {
                                assertThat(i.field()).isEqualTo(Optional.ofNullable(c.field()));
                                assertThat(i.kind()).isEqualTo(c.response().getCode() == 422
                                        ? InvalidRequestException.Kind.POLICY_LIMIT : InvalidRequestException.Kind.INVALID);
                            }
                        });
            }
        }
    }

    @Test
    void aMeWithShortGrantsStillReads() throws Exception {
        try (MockWebServer server = server(json(200, "{\"subject\":\"s\",\"name\":\"Ada\",\"groups\":[\"payments-dev\"],"
                + "\"grants\":[{\"scope\":\"payments/staging\",\"endsAt\":\"2026-11-29T06:00:00Z\"}," + GRANT + "]}"))) {
            Me me = client(server).me();
            assertThat(me.grants()).extracting(Grant::id).containsExactly("", "g_1");
            assertThat(me.grants()).extracting(Grant::scope).containsOnly("payments/staging");
        }
    }

    private static BrokerClient client(MockWebServer server) {
        return new BrokerClient(server.url("/").uri(), () -> TOKEN);
    }

    private static MockWebServer server(MockResponse... responses) throws Exception {
        MockWebServer server = new MockWebServer();
        for (MockResponse r : responses) {
            server.enqueue(r);
        }
        server.start();
        return server;
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }
}
