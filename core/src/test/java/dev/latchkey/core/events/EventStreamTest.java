package dev.latchkey.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.NotSignedInException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The event stream client against scripted SSE answers: the format's corners, events a good
 * broker never sends, reconnecting with Last-Event-ID, and stopping for good on a refused sign-in.
 */
class EventStreamTest {

    private static final String TOKEN = "stream-token-must-never-show-" + System.nanoTime();
    private static final Duration FAST = Duration.ofMillis(20);

    /** Collects what a listener hears, on the delivery thread. */
    static final class Heard implements EventListener {
        final List<BrokerEvent> events = new CopyOnWriteArrayList<>();
        final List<StreamState> states = new CopyOnWriteArrayList<>();
        final List<String> skipped = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(BrokerEvent event) {
            threads.add(Thread.currentThread().getName());
            events.add(event);
        }

        @Override
        public void onState(StreamState state) {
            states.add(state);
        }

        @Override
        public void onSkipped(String reason) {
            skipped.add(reason);
        }
    }

    @Test
    void readsEveryContractEventTypeThroughTheFormatsCorners() throws Exception {
        String at = "\"at\":\"2026-11-29T05:00:00Z\"";
        String body = ": keep-alive\r\n\r\n"
                + "id: 1\nevent: request.created\ndata: {" + at + ",\"requestId\":\"r_1\",\"scope\":\"payments/prod\","
                + "\"requester\":\"ada\",\"durationSeconds\":3600}\n\n"
                + "id:2\r\nevent:request.decided\r\ndata:{" + at + ",\"requestId\":\"r_1\",\"scope\":\"payments/prod\",\r\n"
                + "data: \"state\":\"approved\",\"decidedBy\":\"grace\",\"reason\":null,\"grantId\":\"g_1\"}\r\n\r\n"
                + "id: 3\nevent: grant.starting\nunknown-field: ignored\ndata: {" + at + ",\"grantId\":\"g_1\",\"scope\":\"payments/prod\","
                + "\"startsAt\":\"2026-11-29T05:00:00Z\",\"endsAt\":\"2026-11-29T06:00:00Z\"}\n\n"
                + "id: 4\nevent: grant.ending-soon\ndata: {" + at + ",\"grantId\":\"g_1\",\"scope\":\"payments/prod\","
                + "\"endsAt\":\"2026-11-29T06:00:00Z\"}\n\n"
                + "id: 5\nevent: grant.ended\ndata: {" + at + ",\"grantId\":\"g_1\",\"scope\":\"payments/prod\","
                + "\"endsAt\":\"2026-11-29T06:00:00Z\"}\n\n"
                + "id: 6\nevent: grant.revoked\ndata: {" + at + ",\"grantId\":\"g_2\",\"scope\":\"payments/staging\","
                + "\"revokedBy\":\"grace\",\"reason\":\"done\"}\n\n"
                + "id: 7\nevent: metrics.changed\ndata: {" + at + "}\n\n"
                + "event: no.data.no.dispatch\n\n";
        try (MockWebServer server = sse(body)) {
            Heard heard = new Heard();
            try (EventStream.Subscription s = stream(server).subscribe(OptionalLong.empty(), heard)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> heard.events.size() == 7);
                assertThat(s.lastEventId()).hasValue(7);
            }
            Instant t = Instant.parse("2026-11-29T05:00:00Z");
            Instant end = Instant.parse("2026-11-29T06:00:00Z");
            assertThat(heard.events).containsExactly(
                    new BrokerEvent.RequestCreated(1, t, "r_1", "payments/prod", "ada", Duration.ofHours(1)),
                    new BrokerEvent.RequestDecided(2, t, "r_1", "payments/prod", AccessRequest.State.APPROVED,
                            Optional.of("grace"), Optional.empty(), Optional.of("g_1")),
                    new BrokerEvent.GrantStarting(3, t, "g_1", "payments/prod", t, end),
                    new BrokerEvent.GrantEndingSoon(4, t, "g_1", "payments/prod", end),
                    new BrokerEvent.GrantEnded(5, t, "g_1", "payments/prod", end),
                    new BrokerEvent.GrantRevoked(6, t, "g_2", "payments/staging", java.util.Optional.of("grace"),
                            Optional.of("done")),
                    new BrokerEvent.Other(7, t, "metrics.changed"));
            assertThat(heard.threads).containsOnly("latchkey-events-listener");
            assertThat(heard.states.getFirst()).isEqualTo(new StreamState.Connected(OptionalLong.empty()));
            RecordedRequest sent = server.takeRequest();
            assertThat(sent.getTarget()).isEqualTo("/v1/events");
            assertThat(sent.getHeaders().get("Accept")).isEqualTo("text/event-stream");
            assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(sent.getHeaders().get("Last-Event-ID")).isNull();
        }
    }

    @Test
    void eventsItCannotReadAreSkippedNamingTheFieldAndTheStreamGoesOn() throws Exception {
        String secretLooking = "s3cr3t-data-" + System.nanoTime();
        String body = "id: 1\nevent: request.decided\ndata: not json " + secretLooking + "\n\n"
                + "id: 2\nevent: request.decided\ndata: [1,2]\n\n"
                + "id: 3\nevent: request.decided\ndata: {\"requestId\":\"r_1\"}\n\n"
                + "id: 4\nevent: request.decided\ndata: {\"at\":\"2026-11-29T05:00:00Z\",\"requestId\":\"r_1\","
                + "\"scope\":\"a/b\",\"state\":\"" + secretLooking + "\"}\n\n"
                + "id: 5\nevent: grant.ended\ndata: {\"at\":\"yesterday\"}\n\n"
                + "id: 6\nevent: grant.ended\ndata: {\"at\":\"2026-11-29T05:00:00Z\",\"grantId\":\"g\",\"scope\":\"a/b\"}\n\n"
                + "id: six\nevent: grant.ended\ndata: {}\n\n"
                + "id: 7\nevent: grant.ended\ndata: {\"at\":\"2026-11-29T05:00:00Z\",\"grantId\":\"g\",\"scope\":\"a/b\","
                + "\"endsAt\":\"2026-11-29T05:00:00Z\"}\n\n";
        try (MockWebServer server = sse(body)) {
            Heard heard = new Heard();
            try (EventStream.Subscription s = stream(server).subscribe(OptionalLong.empty(), heard)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> heard.events.size() == 1);
                assertThat(s.lastEventId()).hasValue(7);
            }
            assertThat(heard.events.getFirst().id()).isEqualTo(7);
            assertThat(heard.skipped).containsExactly(
                    "event 1 (request.decided) carries data that is not JSON",
                    "event 2 (request.decided) carries data that is not a JSON object",
                    "event 3: 'at' is missing",
                    "event 4: 'state' is a word this client does not know",
                    "event 5: 'at' is not an ISO-8601 time",
                    "event 6: 'endsAt' is missing",
                    "an event without a numeric id");
            assertThat(String.join("|", heard.skipped)).doesNotContain(secretLooking);
        }
    }

    @Test
    void aDroppedStreamReconnectsWithLastEventIdAndSkipsWhatItAlreadyHad() throws Exception {
        String e = "event: grant.ended\ndata: {\"at\":\"2026-11-29T05:00:00Z\",\"grantId\":\"g\",\"scope\":\"a/b\","
                + "\"endsAt\":\"2026-11-29T05:00:00Z\"}\n\n";
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(sseResponse("id: 41\n" + e + "id: 42\n" + e));
            server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
            server.enqueue(sseResponse("retry: 10\nid: 42\n" + e + "id: 43\n" + e));
            server.start();
            Heard heard = new Heard();
            try (EventStream.Subscription s = stream(server).subscribe(OptionalLong.of(40), heard)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> heard.events.size() == 3);
                assertThat(s.lastEventId()).hasValue(43);
            }
            assertThat(heard.events).extracting(BrokerEvent::id).containsExactly(41L, 42L, 43L);
            assertThat(server.takeRequest().getHeaders().get("Last-Event-ID")).isEqualTo("40");
            assertThat(server.takeRequest().getHeaders().get("Last-Event-ID")).isEqualTo("42");
            assertThat(server.takeRequest().getHeaders().get("Last-Event-ID")).isEqualTo("42");
            assertThat(heard.states).anySatisfy(st -> assertThat(st).isInstanceOfSatisfying(StreamState.Reconnecting.class,
                    r -> assertThat(r.reason()).contains("HTTP 503").doesNotContain(TOKEN)));
        }
    }

    @Test
    void aRefusedSignInIsRetriedOnceThenStopsTheStream() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(401).build());
            server.enqueue(new MockResponse.Builder().code(401).build());
            server.start();
            Heard heard = new Heard();
            EventStream.Subscription s = stream(server).subscribe(OptionalLong.empty(), heard);
            await().atMost(Duration.ofSeconds(5)).until(() -> !heard.states.isEmpty()
                    && heard.states.getLast() instanceof StreamState.Stopped);
            assertThat(((StreamState.Stopped) heard.states.getLast()).reason())
                    .isInstanceOf(NotSignedInException.class).hasMessageNotContaining(TOKEN);
            await().atMost(Duration.ofSeconds(5)).until(() -> !s.isOpen());
            assertThat(server.getRequestCount()).isEqualTo(2);
            s.close();
        }
    }

    @Test
    void anAnswerThatIsNotAStreamSwitchesToLongPolling() throws Exception {
        String e = "{\"at\":\"2026-11-29T05:00:00Z\",\"grantId\":\"g\",\"scope\":\"a/b\",\"endsAt\":\"2026-11-29T05:00:00Z\"}";
        try (MockWebServer server = new MockWebServer()) {
            // A proxy that buffers the stream and answers with its own page.
            server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html").body("id: 1\n\n").build());
            server.enqueue(AccessRequestsJson.page("{\"events\":[{\"id\":5,\"type\":\"grant.ended\",\"data\":" + e + "}],\"next\":5}"));
            server.enqueue(AccessRequestsJson.page("{\"events\":[],\"next\":9}"));
            server.enqueue(AccessRequestsJson.page("{\"events\":[{\"id\":\"x\",\"type\":\"grant.ended\",\"data\":{}},"
                    + "{\"id\":10,\"type\":\"grant.ended\",\"data\":\"not an object\"},"
                    + "{\"id\":11,\"type\":\"grant.ended\",\"data\":" + e + "}],\"next\":11}"));
            server.enqueue(AccessRequestsJson.page("not json"));
            server.start();
            Heard heard = new Heard();
            try (EventStream.Subscription s = stream(server).subscribe(OptionalLong.empty(), heard)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> heard.events.size() == 2 && heard.states.stream()
                        .anyMatch(st -> st instanceof StreamState.Reconnecting r && r.reason().contains("not JSON")));
                assertThat(s.lastEventId()).hasValue(11);
            }
            assertThat(heard.events).extracting(BrokerEvent::id).containsExactly(5L, 11L);
            assertThat(heard.skipped).containsExactly("an event without a numeric id",
                    "event 10 (grant.ended) carries data that is not a JSON object");
            assertThat(heard.states.getFirst()).isInstanceOfSatisfying(StreamState.Reconnecting.class,
                    r -> assertThat(r.reason()).contains("text/html", "switching to long polling"));
            assertThat(heard.states).anySatisfy(st -> assertThat(st).isInstanceOfSatisfying(StreamState.Reconnecting.class,
                    r -> assertThat(r.reason()).contains("answered a long poll with an answer that is not JSON")));
            assertThat(server.takeRequest().getHeaders().get("Accept")).isEqualTo("text/event-stream");
            RecordedRequest first = server.takeRequest();
            assertThat(first.getTarget()).isEqualTo("/v1/events?wait=0");
            assertThat(first.getHeaders().get("Accept")).isEqualTo("application/json");
            assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(server.takeRequest().getTarget()).isEqualTo("/v1/events?wait=25&after=5");
            assertThat(server.takeRequest().getTarget()).isEqualTo("/v1/events?wait=25&after=9");
        }
    }

    @Test
    void longPollingStopsOnARefusedSignInLikeTheStream() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(401).build());
            server.enqueue(new MockResponse.Builder().code(401).build());
            server.start();
            Heard heard = new Heard();
            EventStream.Subscription s = new EventStream(server.url("/").uri(), () -> TOKEN, FAST,
                    EventStream.Transport.LONG_POLL).subscribe(OptionalLong.of(3), heard);
            await().atMost(Duration.ofSeconds(5)).until(() -> !s.isOpen());
            assertThat(heard.states.getLast()).isInstanceOf(StreamState.Stopped.class);
            assertThat(server.takeRequest().getTarget()).isEqualTo("/v1/events?wait=0&after=3");
            s.close();
        }
    }

    /** JSON pages for the long-poll form. */
    static final class AccessRequestsJson {
        static MockResponse page(String body) {
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
        }
    }

    @Test
    void closingStopsAStreamThatIsWaitingForData() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            // Headers, then silence: the reader blocks until close() cancels the call.
            server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
                    .body(": hello\n").bodyDelay(1, java.util.concurrent.TimeUnit.HOURS).build());
            server.start();
            Heard heard = new Heard();
            EventStream.Subscription s = stream(server).subscribe(OptionalLong.empty(), heard);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.getRequestCount() == 1);
            long start = System.nanoTime();
            s.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(s.isOpen()).isFalse();
        }
    }

    private static EventStream stream(MockWebServer server) {
        return new EventStream(server.url("/").uri(), () -> TOKEN, FAST);
    }

    private static MockWebServer sse(String body) throws Exception {
        MockWebServer server = new MockWebServer();
        server.enqueue(sseResponse(body));
        server.start();
        return server;
    }

    private static MockResponse sseResponse(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body).build();
    }
}
