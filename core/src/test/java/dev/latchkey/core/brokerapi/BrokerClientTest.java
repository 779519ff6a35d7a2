package dev.latchkey.core.brokerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** The real dev broker for what it serves; MockWebServer only for answers a good broker never gives. */
class BrokerClientTest {

    private static final String TOKEN = "access-token-must-never-show-" + System.nanoTime();
    private static final SecretRef REF = SecretRef.parse("latchkey://payments/dev/db-url");

    @Test
    void readsTheWellKnownDocumentOfARealDevBroker() throws Exception {
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            BrokerInfo info = new BrokerClient(broker.url(), () -> TOKEN).info();
            assertThat(info.clientId()).isNotBlank();
            assertThat(info.issuer()).startsWith(broker.url().toString());
        }
    }

    @Test
    void aBrokerThatIsNotThereIsUnreachableAndSaysWhere() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> new BrokerClient(url, () -> TOKEN).resolve(List.of(REF)))
                .isInstanceOf(BrokerUnreachableException.class)
                .hasMessageContaining("cannot reach the broker at " + url)
                .hasMessageContaining("connection refused: nothing is listening there")
                .hasMessageNotContaining("Exception")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void badAnswersBecomeTypedErrorsWithoutTheToken() throws Exception {
        record Case(MockResponse response, Class<? extends BrokerException> type, String says) {
        }
        List<Case> corpus = List.of(
                new Case(json(401, "{\"error\":\"expired\"}"), NotSignedInException.class, "no longer accepts your sign-in"),
                new Case(json(403, "{\"message\":\"not in group payments\"}"), AccessDeniedException.class, "not in group payments"),
                new Case(json(503, "oops"), BrokerUnreachableException.class, "HTTP 503"),
                new Case(json(200, "<html>"), BrokerProtocolException.class, "not JSON"),
                new Case(json(200, "{\"resolved\":[{\"ref\":\"nonsense\",\"value\":\"v\"}]}"), BrokerProtocolException.class, "cannot parse"),
                new Case(json(200, "{\"resolved\":[{\"ref\":\"latchkey://payments/dev/db-url\",\"value\":\"v\",\"accessEndsAt\":\"soon\"}]}"),
                        BrokerProtocolException.class, "'resolved[0].accessEndsAt' is not an ISO-8601 time"),
                new Case(json(200, "{\"resolved\":[{\"ref\":\"latchkey://payments/dev/db-url\",\"value\":null}]}"),
                        BrokerProtocolException.class, "'resolved[0].value' is missing"),
                new Case(json(200, "{\"resolved\":[{\"ref\":\"latchkey://payments/dev/db-url\",\"value\":12345}]}"),
                        BrokerProtocolException.class, "'resolved[0].value' is not text"),
                new Case(json(200, "{\"resolved\":[{\"value\":\"" + TOKEN + "\"}]}"),
                        BrokerProtocolException.class, "'resolved[0].ref' is missing"),
                new Case(json(200, "{\"resolved\":{\"value\":\"" + TOKEN + "\"}}"), BrokerProtocolException.class, "'resolved' is not a list"),
                new Case(json(200, "{\"refused\":[{\"ref\":\"latchkey://payments/dev/db-url\",\"reason\":7}]}"),
                        BrokerProtocolException.class, "'refused[0].reason' is not text"),
                new Case(json(302, ""), BrokerProtocolException.class, "HTTP 302"));
        for (Case c : corpus) {
            try (MockWebServer server = new MockWebServer()) {
                server.enqueue(c.response());
                server.start();
                BrokerClient client = new BrokerClient(server.url("/").uri(), () -> TOKEN);
                assertThatThrownBy(() -> client.resolve(List.of(REF)))
                        .isInstanceOf(c.type()).hasMessageContaining(c.says()).hasMessageNotContaining(TOKEN);
                assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
            }
        }
    }

    @Test
    void badIdentityAndScopeAnswersNameTheFieldNeverAValue() throws Exception {
        record Case(String body, boolean scopes, String says) {
        }
        List<Case> corpus = List.of(
                new Case("{\"name\":\"" + TOKEN + "\"}", false, "'subject' is missing"),
                new Case("{\"subject\":7}", false, "'subject' is not text"),
                new Case("{\"subject\":\"ada\",\"groups\":[\"" + TOKEN + "\",1]}", false, "'groups[1]' is not text"),
                new Case("{\"subject\":\"ada\",\"grants\":[{\"scope\":\"a/b\",\"endsAt\":\"" + TOKEN + "\"}]}", false,
                        "'grants[0].endsAt' is not an ISO-8601 time"),
                new Case("{\"subject\":\"ada\",\"grants\":[{\"scope\":\"a/b\",\"endsAt\":\"2026-11-29T12:00:00Z\",\"id\":\"g\"}]}",
                        false, "'grants[0].state' is missing"),
                new Case("{\"subject\":\"ada\",\"grants\":{}}", false, "'grants' is not a list"),
                new Case("[{\"subject\":\"ada\"}]", false, "that is not a JSON object"),
                new Case("{\"subject\":\"" + TOKEN, false, "answered with something that is not JSON"),
                new Case("[{\"scope\":\"a/b\",\"access\":\"" + TOKEN + "\"}]", true,
                        "'scopes[0].access' is a word this client does not know"),
                new Case("{\"scopes\":[{\"access\":\"standing\"}]}", true, "'scopes[0].scope' is missing"),
                new Case("{\"scopes\":[{\"scope\":\"a/b\",\"access\":\"standing\",\"confirm\":\"" + TOKEN + "\"}]}", true,
                        "'scopes[0].confirm' is not true or false"),
                new Case("{\"scopes\":[{\"scope\":\"a/b\",\"access\":\"requestable\",\"maxDurationSeconds\":-5}]}", true,
                        "'scopes[0]' does not fit: 'maxDurationSeconds' is negative"),
                new Case("{\"other\":[]}", true, "'scopes' is missing"));
        for (Case c : corpus) {
            try (MockWebServer server = new MockWebServer()) {
                server.enqueue(json(200, c.body()));
                server.start();
                BrokerClient client = new BrokerClient(server.url("/").uri(), () -> TOKEN);
                assertThatThrownBy(c.scopes() ? client::scopes : client::me).as(c.body())
                        .isInstanceOf(BrokerProtocolException.class).hasMessageContaining(c.says())
                        .hasMessageNotContaining(TOKEN).hasNoCause();
            }
        }
    }

    @Test
    void identityAndScopesReadWithTheirDefaultsAndFieldsThisClientDoesNotKnow() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(json(200, """
                    {"subject":"ada","groups":["payments"],"newer":{"x":[1]},
                     "grants":[{"scope":"payments/prod","endsAt":"2026-11-29T12:00:00Z"},
                               {"id":"g_1","scope":"payments/staging","endsAt":"2026-11-29T13:00:00Z","state":"ACTIVE",
                                "secrets":["db-url"]}]}"""));
            server.enqueue(json(200, """
                    [{"scope":"payments/dev","access":"standing"},
                     {"scope":"payments/prod","access":"requestable","maxDurationSeconds":"3600","confirm":true,"later":1},
                     {"scope":"payments/staging","access":"granted","grantedUntil":"2026-11-29T13:00:00Z"}]"""));
            server.enqueue(json(200, "{\"scopes\":[]}"));
            server.start();
            BrokerClient client = new BrokerClient(server.url("/").uri(), () -> TOKEN);
            Me me = client.me();
            assertThat(me.name()).as("the subject when the broker gives no name").isEqualTo("ada");
            assertThat(me.groups()).containsExactly("payments");
            assertThat(me.grants()).extracting(Grant::scope).containsExactly("payments/prod", "payments/staging");
            assertThat(me.grants().get(1).id()).isEqualTo("g_1");
            assertThat(me.grants().get(1).state()).isEqualTo(Grant.State.ACTIVE);
            assertThat(client.scopes()).containsExactly(
                    new Scope("payments/dev", Scope.Access.STANDING, Optional.empty(), Optional.empty()),
                    new Scope("payments/prod", Scope.Access.REQUESTABLE, Optional.empty(),
                            Optional.of(Duration.ofHours(1)), true),
                    new Scope("payments/staging", Scope.Access.GRANTED,
                            Optional.of(Instant.parse("2026-11-29T13:00:00Z")), Optional.empty()));
            assertThat(client.scopes()).isEmpty();
        }
    }

    @Test
    void resolveSendsAllRefsInOneCallAndReadsRefusals() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(json(200, """
                    {"resolved":[{"ref":"latchkey://payments/dev/db-url","value":"v1","accessEndsAt":"2026-11-29T12:00:00Z",
                                  "grantId":"g_7"}],
                     "refused":[{"ref":"latchkey://payments/prod/db-url","reason":"request_needed"}]}"""));
            server.start();
            BrokerClient.Resolved r = new BrokerClient(server.url("/").uri(), () -> TOKEN)
                    .resolve(List.of(REF, SecretRef.parse("latchkey://payments/prod/db-url")));
            assertThat(r.secrets()).singleElement().satisfies(s -> {
                assertThat(s.toString()).doesNotContain("v1");
                assertThat(s.grantId()).as("the grant whose end it is").contains("g_7");
                assertThat(s.accessEnds()).contains(Instant.parse("2026-11-29T12:00:00Z"));
            });
            assertThat(r.refused()).containsExactly(
                    new RefusedRef(SecretRef.parse("latchkey://payments/prod/db-url"), RefusedRef.Why.REQUEST_NEEDED));
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(server.takeRequest().getBody().utf8())
                    .isEqualTo("{\"refs\":[\"latchkey://payments/dev/db-url\",\"latchkey://payments/prod/db-url\"]}");
        }
    }

    @Test
    void eachRefusalReasonOfTheContractIsItsOwnOutcomeAndAnUnknownOneIsAProtocolError() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(json(200, """
                    {"resolved":[],"refused":[{"ref":"latchkey://payments/dev/a","reason":"invalid_ref"},
                     {"ref":"latchkey://payments/dev/b","reason":"no_access"},
                     {"ref":"latchkey://payments/dev/c","reason":"unknown"}]}"""));
            server.enqueue(json(200, """
                    {"resolved":[],"refused":[{"ref":"latchkey://payments/dev/a","reason":"sunspots"}]}"""));
            server.start();
            BrokerClient client = new BrokerClient(server.url("/").uri(), () -> TOKEN);
            List<SecretRef> refs = List.of(SecretRef.parse("latchkey://payments/dev/a"));
            assertThat(client.resolve(refs).refused()).extracting(RefusedRef::why).as("invalid_ref is not a denial")
                    .containsExactly(RefusedRef.Why.INVALID_REF, RefusedRef.Why.NO_ACCESS, RefusedRef.Why.UNKNOWN_SECRET);
            assertThat(new RefusedRef(refs.getFirst(), RefusedRef.Why.INVALID_REF).describe())
                    .contains("does not take this as a reference").doesNotContain("no access");
            assertThatThrownBy(() -> client.resolve(refs)).isInstanceOf(BrokerProtocolException.class)
                    .hasMessageContaining("a refusal reason this client does not know");
        }
    }

    @Test
    void plainHttpIsRefusedExceptOnLoopback() {
        assertThat(BrokerUrl.check("http://127.0.0.1:8080/")).hasToString("http://127.0.0.1:8080");
        assertThat(BrokerUrl.check("http://localhost:8080")).hasToString("http://localhost:8080");
        assertThatThrownBy(() -> BrokerUrl.check("http://broker.example.com")).hasMessageContaining("must use https");
        assertThatThrownBy(() -> BrokerUrl.check("ftp://x")).hasMessageContaining("https://");
    }

    @Test
    void theRefusedMessageListsEachRefWhyAndTheFix() {
        String msg = RefusedRef.message(List.of(
                new RefusedRef(SecretRef.parse("latchkey://payments/prod/db-url"), RefusedRef.Why.REQUEST_NEEDED),
                new RefusedRef(SecretRef.parse("latchkey://billing/prod/key"), RefusedRef.Why.NO_ACCESS),
                new RefusedRef(SecretRef.parse("latchkey://payments/dev/typo"), RefusedRef.Why.UNKNOWN_SECRET)));
        assertThat(msg).contains("3 references cannot be read now, so nothing was started:",
                "latchkey://payments/prod/db-url: access must be requested; run: latchkey request payments/prod --duration 1h",
                "latchkey://billing/prod/key: you have no access to billing/prod",
                "latchkey://payments/dev/typo: no such secret in payments/dev");
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }
}
