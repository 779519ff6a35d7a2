package dev.latchkey.broker.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.TestBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events that real API calls cause, as the people involved receive them over SSE. */
class DecisionEventsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Ten times what a delivery takes on a loaded machine: a bound only a hang breaks (speed is benched). */
    static final Duration HANG = Duration.ofSeconds(10);

    @RegisterExtension
    final TestBroker broker = TestBroker.at(Instant.parse("2026-11-29T06:00:00Z")).build();
    final List<String> tokens = new ArrayList<>();

    String ada() {
        return remember(broker.issuer().token("ada", "payments-dev"));
    }

    String grace() {
        return remember(broker.issuer().token("grace", "payments-dev", "payments-leads"));
    }

    String remember(String token) {
        tokens.add(token);
        return token;
    }

    String file(String scope, String duration) {
        Api.Answer a = broker.api().post("/v1/access-requests", ada(), Api.json(Map.of("scope", scope, "duration", duration,
                "justification", "PAY-7 reconcile the refunds")));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().path("id").asText();
    }

    /** Asks for more time on the grant request {@code requestId} made: more of a scope one holds is an extension. */
    String extend(String requestId, String duration) {
        String grant = broker.api().get("/v1/access-requests/" + requestId, ada()).json().path("grant").path("id").asText();
        Api.Answer a = broker.api().post("/v1/grants/" + grant + ":extend", ada(), Api.json(Map.of("duration", duration,
                "justification", "PAY-7 reconcile the refunds")));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().path("id").asText();
    }

    static JsonNode data(SseConnection.Event e) throws Exception {
        return JSON.readTree(e.data());
    }

    @Test
    void aReviewerHearsOfTheRequestAndTheRequesterOfTheDecision() throws Exception {
        try (SseConnection adaStream = SseConnection.open(broker.url(), "/v1/events", ada(), null);
             SseConnection graceStream = SseConnection.open(broker.url(), "/v1/events", grace(), null)) {
            String id = file("payments/staging", "6h");

            SseConnection.Event created = graceStream.nextEvent(HANG);
            assertThat(created.type()).isEqualTo("request.created");
            assertThat(data(created).path("requestId").asText()).isEqualTo(id);
            assertThat(data(created).path("requester").asText()).isEqualTo("ada");

            long approving = System.nanoTime();
            Api.Answer approved = broker.api().post("/v1/access-requests/" + id + ":approve", grace(), "{}");
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            SseConnection.Event decided = adaStream.nextEvent(HANG);

            Duration latency = Duration.ofNanos(decided.receivedNanos() - approving);
            System.out.printf("approve call -> request.decided at the requester's SSE client: %.1f ms%n",
                    latency.toNanos() / 1e6);
            // Delivered in the approval's wake; EventJournalTest proves the publish wakes a waiting feed.
            assertThat(latency).isLessThan(HANG);
            assertThat(decided.type()).isEqualTo("request.decided");
            assertThat(data(decided).path("requestId").asText()).isEqualTo(id);
            assertThat(data(decided).path("state").asText()).isEqualTo("approved");
            assertThat(data(decided).path("decidedBy").asText()).isEqualTo("grace");
            assertThat(data(decided).path("grantId").asText()).isEqualTo(approved.json().path("grant").path("id")
                    .asText());
            // ada filed it: the request.created for reviewers did not reach her.
            assertThat(decided.id()).isNotEqualTo(created.id());
        }
    }

    @Test
    void decisionsMadeWhileTheRequesterWasAwayArriveOnReconnectWithLastEventId() throws Exception {
        String first = file("payments/staging", "6h");
        String second = file("payments/prod", "1h");
        String lastSeen;
        try (SseConnection adaStream = SseConnection.open(broker.url(), "/v1/events", ada(), null)) {
            broker.api().post("/v1/access-requests/" + first + ":approve", grace(), "{}");
            lastSeen = adaStream.nextEvent(HANG).id();
        }
        broker.api().post("/v1/access-requests/" + second + ":deny", grace(), Api.json(Map.of("reason", "use staging")));
        String third = extend(first, "7h");
        broker.api().post("/v1/access-requests/" + third + ":approve", grace(), "{}");

        try (SseConnection again = SseConnection.open(broker.url(), "/v1/events", ada(), lastSeen)) {
            List<SseConnection.Event> replayed = new ArrayList<>();
            replayed.add(again.nextEvent(HANG));
            replayed.add(again.nextEvent(HANG));
            replayed.addAll(again.eventsWithin(Duration.ofMillis(300)));

            assertThat(replayed).extracting(e -> data(e).path("requestId").asText() + " " + data(e).path("state")
                    .asText()).containsExactly(second + " denied", third + " approved");
        }
    }

    @Test
    void aBusySessionsEventsCarryOnlyDocumentedFieldsAndNoValueOrToken() throws Exception {
        List<SseConnection.Event> seen = new ArrayList<>();
        try (SseConnection adaStream = SseConnection.open(broker.url(), "/v1/events", ada(), null);
             SseConnection graceStream = SseConnection.open(broker.url(), "/v1/events", grace(), null)) {
            String reviewed = file("payments/staging", "6h");
            broker.api().post("/v1/access-requests/" + reviewed + ":approve", grace(), Api.json(Map.of("reason", "ok")));
            extend(reviewed, "1h");
            String denied = file("payments/prod", "1h");
            broker.api().post("/v1/access-requests/" + denied + ":deny", grace(), Api.json(Map.of("reason", "not today")));
            Api.Answer values = broker.api().post("/v1/secrets:resolve", ada(), Api.json(Map.of("refs", List.of(
                    "latchkey://payments/dev/db-url", "latchkey://payments/staging/db-url",
                    "latchkey://payments/staging/stripe-api-key"))));
            assertThat(values.json().path("resolved")).hasSize(3);
            Api.Answer minted = broker.api().post("/v1/sandbox-tokens", ada(), Api.json(Map.of("sandbox", "staging-sandbox")));
            assertThat(minted.status()).as(minted.body()).isEqualTo(201);
            tokens.add(minted.json().path("token").asText());
            Api.Answer grants = broker.api().get("/v1/grants", ada());
            for (JsonNode g : grants.json().path("grants")) {
                broker.api().post("/v1/grants/" + g.path("id").asText() + ":revoke", ada(), Api.json(Map.of("reason", "done")));
            }

            // ada: approved, auto-approved, denied, then a revocation per grant; grace: the two
            // requests that needed a reviewer (the auto-approved one never asked her).
            for (int i = 0; i < 5; i++) {
                seen.add(adaStream.nextEvent(HANG));
            }
            for (int i = 0; i < 2; i++) {
                seen.add(graceStream.nextEvent(HANG));
            }
            seen.addAll(adaStream.eventsWithin(Duration.ofMillis(300)));
            seen.addAll(graceStream.eventsWithin(Duration.ofMillis(100)));
        }

        assertThat(seen).extracting(SseConnection.Event::type).contains("request.created", "request.decided",
                "grant.revoked");
        List<String> forbidden = new ArrayList<>(DemoOrganisation.values().values());
        forbidden.addAll(tokens);
        for (SseConnection.Event e : seen) {
            JsonNode data = data(e);
            assertThat(EventTypes.all()).contains(e.type());
            data.properties().forEach(field -> {
                assertThat(EventTypes.allows(e.type(), field.getKey())).as("%s carries %s", e.type(), field.getKey())
                        .isTrue();
                assertThat(field.getValue().isValueNode()).as("%s.%s is a plain value", e.type(), field.getKey())
                        .isTrue();
            });
            for (String secret : forbidden) {
                assertThat(e.data()).doesNotContain(secret);
            }
        }
        assertThat(Set.copyOf(forbidden)).isNotEmpty();
    }
}
