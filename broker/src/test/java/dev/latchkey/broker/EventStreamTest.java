package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.broker.events.EventJournal.Audience;
import dev.latchkey.broker.events.EventTypes;
import dev.latchkey.broker.events.SseConnection;
import dev.latchkey.broker.http.EventRoutes;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.TestIssuer;
import dev.latchkey.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /v1/events over real HTTP on an in-process dev broker: SSE, resume, audience, long poll. */
class EventStreamTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-29T06:00:00Z"));
    static final ObjectMapper JSON = new ObjectMapper();
    /** Ten times what a delivery takes on a loaded machine: a bound only a hang breaks (speed is benched). */
    static final Duration HANG = Duration.ofSeconds(10);
    static TestIssuer issuer;
    static LatchkeyBroker.Started broker;
    static Api api;
    static String ada;
    static String grace;

    @BeforeAll
    static void start() throws Exception {
        issuer = new TestIssuer(CLOCK);
        broker = LatchkeyBroker.startServer(BrokerConfig.dev().withIssuer(issuer.issuer()).withClock(CLOCK));
        api = new Api(broker.url());
        ada = issuer.token("ada", "payments-dev");
        grace = issuer.token("grace", "payments-dev", "payments-leads");
        // The first call fetches the issuer's keys and loads the server's classes: seconds on a
        // busy machine, which must not land inside a test that times delivery.
        api.get("/v1/events?wait=0", ada);
    }

    @AfterAll
    static void stop() {
        api.close();
        broker.close();
        issuer.close();
    }

    static void decided(String subject, String requestId) {
        broker.events().publish(new Audience.Subject(subject), EventTypes.REQUEST_DECIDED, Map.of(
                "requestId", requestId, "scope", "payments/staging", "state", "approved", "decidedBy", "grace",
                "grantId", "g_" + requestId));
    }

    @Test
    void anEventForAdaIsPushedToHerOpenStream() throws Exception {
        try (SseConnection stream = SseConnection.open(broker.url(), "/v1/events", ada, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");

            long published = System.nanoTime();
            decided("sub-ada", "r_fast");
            SseConnection.Event event = stream.nextEvent(HANG);

            Duration latency = Duration.ofNanos(event.receivedNanos() - published);
            System.out.printf("event delivery: publish -> SSE client in %.1f ms%n", latency.toNanos() / 1e6);
            // Delivered, and pushed: EventJournalTest proves the publish wakes a waiting feed; how soon
            // is the benches' business. Ten times the second it takes here only a hang breaks.
            assertThat(latency).isLessThan(HANG);
            assertThat(event.type()).isEqualTo("request.decided");
            assertThat(Long.parseLong(event.id())).isPositive();
            JsonNode data = JSON.readTree(event.data());
            assertThat(data.path("requestId").asText()).isEqualTo("r_fast");
            assertThat(data.path("state").asText()).isEqualTo("approved");
            assertThat(Instant.parse(data.path("at").asText())).isEqualTo(CLOCK.instant());
        }
    }

    @Test
    void aReconnectWithLastEventIdReplaysExactlyWhatWasMissedInOrderThenGoesLive() throws Exception {
        String lastSeen;
        try (SseConnection first = SseConnection.open(broker.url(), "/v1/events", ada, null)) {
            decided("sub-ada", "r_before");
            lastSeen = first.nextEvent(HANG).id();
        }
        // While ada is away: three for her, interleaved with events for others.
        decided("sub-ada", "r_missed_1");
        decided("sub-grace", "r_not_hers");
        decided("sub-ada", "r_missed_2");
        broker.events().publish(new Audience.Groups(Set.of("payments-leads"), null), EventTypes.REQUEST_CREATED,
                Map.of("requestId", "r_for_leads", "scope", "payments/prod", "requester", "linus"));
        decided("sub-ada", "r_missed_3");

        try (SseConnection again = SseConnection.open(broker.url(), "/v1/events", ada, lastSeen)) {
            List<SseConnection.Event> replayed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replayed.add(again.nextEvent(HANG));
            }
            decided("sub-ada", "r_live");
            replayed.add(again.nextEvent(HANG));
            replayed.addAll(again.eventsWithin(Duration.ofMillis(300)));

            assertThat(replayed).extracting(e -> JSON.readTree(e.data()).path("requestId").asText())
                    .containsExactly("r_missed_1", "r_missed_2", "r_missed_3", "r_live");
            List<Long> ids = replayed.stream().map(e -> Long.parseLong(e.id())).toList();
            assertThat(ids).isSorted().doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isGreaterThan(
                    Long.parseLong(lastSeen)));
        }
    }

    @Test
    void eventsForOtherPeopleAndForGroupsAdaIsNotInOrIsExceptedFromNeverReachHer() throws Exception {
        try (SseConnection adaStream = SseConnection.open(broker.url(), "/v1/events", ada, null);
             SseConnection graceStream = SseConnection.open(broker.url(), "/v1/events", grace, null)) {
            decided("sub-grace", "r_grace_own");
            broker.events().publish(new Audience.Groups(Set.of("payments-leads"), null), EventTypes.REQUEST_CREATED,
                    Map.of("requestId", "r_leads", "scope", "payments/prod", "requester", "linus"));
            // ada is in payments-dev, but she asked: reviewers hear of it, she does not.
            broker.events().publish(new Audience.Groups(Set.of("payments-dev"), "sub-ada"),
                    EventTypes.REQUEST_CREATED, Map.of("requestId", "r_ada_asked", "scope", "payments/staging",
                            "requester", "ada"));
            decided("sub-ada", "r_ada_own");

            SseConnection.Event first = adaStream.nextEvent(HANG);
            assertThat(JSON.readTree(first.data()).path("requestId").asText()).isEqualTo("r_ada_own");
            assertThat(adaStream.eventsWithin(Duration.ofMillis(300))).isEmpty();

            List<String> graceSaw = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                graceSaw.add(JSON.readTree(graceStream.nextEvent(HANG).data()).path("requestId")
                        .asText());
            }
            assertThat(graceSaw).containsExactly("r_grace_own", "r_leads", "r_ada_asked");
        }
    }

    @Test
    void aLongPollAnswersAtOnceWhenEventsAreWaiting() {
        long before = broker.events().storedHead();
        decided("sub-ada", "r_poll_1");
        decided("sub-ada", "r_poll_2");

        long t0 = System.nanoTime();
        Api.Answer answer = api.get("/v1/events?after=" + before + "&wait=25", ada);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(took).as("answered at once, not after its 25 s wait").isLessThan(HANG);
        JsonNode events = answer.json().path("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("type").asText()).isEqualTo("request.decided");
        assertThat(events.get(0).path("data").path("requestId").asText()).isEqualTo("r_poll_1");
        assertThat(answer.json().path("next").asLong()).isEqualTo(events.get(1).path("id").asLong());
    }

    @Test
    void aLongPollWithNothingToSayAnswersAfterItsWaitWithTheSameCursor() {
        long head = broker.events().storedHead();

        long t0 = System.nanoTime();
        Api.Answer answer = api.get("/v1/events?after=" + head + "&wait=1", issuer.token("linus", "search-dev"));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("events")).isEmpty();
        assertThat(answer.json().path("next").asLong()).isEqualTo(head);
        assertThat(took).isBetween(Duration.ofMillis(900), HANG);
    }

    @Test
    void aWaitingLongPollIsWokenByThePublish() throws Exception {
        long head = broker.events().storedHead();
        CompletableFuture<Api.Answer> poll = CompletableFuture.supplyAsync(
                () -> api.get("/v1/events?after=" + head + "&wait=20", ada));
        Thread.sleep(300); // let the poll reach its wait; the assertion below is on how soon it answers after

        long published = System.nanoTime();
        decided("sub-ada", "r_wakes");
        Api.Answer answer = poll.get();
        Duration took = Duration.ofNanos(System.nanoTime() - published);

        assertThat(answer.json().path("events").get(0).path("data").path("requestId").asText()).isEqualTo("r_wakes");
        assertThat(took).as("woken by the publish, not by its 20 s wait running out").isLessThan(HANG);
    }

    @Test
    void withoutATokenBothFormsAnswer401() throws Exception {
        try (SseConnection stream = SseConnection.open(broker.url(), "/v1/events", null, null)) {
            assertThat(stream.status()).isEqualTo(401);
            assertThat(stream.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(JSON.readTree(stream.errorBody()).path("error").asText()).isEqualTo("unauthorized");
        }
        assertThat(api.get("/v1/events?wait=1", null).status()).isEqualTo(401);
    }

    @Test
    void badCursorsAndWaitsAre400() {
        assertThat(api.get("/v1/events?after=abc", ada).status()).isEqualTo(400);
        assertThat(api.get("/v1/events?after=-1", ada).status()).isEqualTo(400);
        assertThat(api.get("/v1/events?wait=-5", ada).status()).isEqualTo(400);
    }

    @Test
    void theTwentyFirstStreamOfOneUserIs429WithAClearMessage() throws Exception {
        String hopper = issuer.token("hopper", "payments-dev");
        List<SseConnection> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                SseConnection s = SseConnection.open(broker.url(), "/v1/events", hopper, null);
                assertThat(s.status()).isEqualTo(200);
                open.add(s);
            }
            try (SseConnection refused = SseConnection.open(broker.url(), "/v1/events", hopper, null)) {
                assertThat(refused.status()).isEqualTo(429);
                JsonNode body = JSON.readTree(refused.errorBody());
                assertThat(body.path("error").asText()).isEqualTo("too_many_streams");
                assertThat(body.path("message").asText()).contains("20 event connections open");
            }
            // Other users are not affected.
            try (SseConnection other = SseConnection.open(broker.url(), "/v1/events", ada, null)) {
                assertThat(other.status()).isEqualTo(200);
            }
        } finally {
            open.forEach(SseConnection::close);
        }
    }

    @Test
    void keepAliveCommentsComeAtLeastEveryFifteenSeconds() {
        assertThat(EventRoutes.KEEP_ALIVE).isLessThanOrEqualTo(Duration.ofSeconds(15));
    }
}
