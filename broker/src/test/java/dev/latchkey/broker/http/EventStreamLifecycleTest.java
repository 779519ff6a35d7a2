package dev.latchkey.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.latchkey.broker.events.JdbcEventJournal;
import dev.latchkey.broker.events.SseConnection;
import dev.latchkey.broker.events.StreamSlots;
import dev.latchkey.broker.identity.TokenValidator;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.testing.ApiContract;
import dev.latchkey.broker.testing.TestIssuer;
import dev.latchkey.testsupport.MutableClock;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The life of a stream over real HTTP on Jetty, with a keep-alive short enough to watch:
 * comments flow while nothing happens, a client that hangs up gives its slot back, and a
 * stopping journal ends every stream. After each test nothing keeps running: Javalin has
 * logged no warning (a request finished after Jetty recycled it makes Javalin log forever).
 */
class EventStreamLifecycleTest {

    static final Duration KEEP_ALIVE = Duration.ofMillis(150);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T06:00:00Z"));
    TestIssuer issuer;
    Database db;
    JdbcEventJournal journal;
    StreamSlots slots;
    EventRoutes routes;
    Javalin server;
    URI url;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        issuer = new TestIssuer(clock);
        db = Database.inMemory();
        journal = JdbcEventJournal.open(db, clock);
        slots = new StreamSlots(3);
        TokenValidator validator = new TokenValidator(issuer.issuer(), "latchkey", "groups", clock,
                Duration.ofSeconds(30));
        routes = new EventRoutes(journal, () -> validator, slots, KEEP_ALIVE);
        server = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.jsonMapper(new JavalinJackson(Json.mapper(), false));
            ErrorHandling.install(javalin);
            routes.register(javalin.routes);
        }).start("127.0.0.1", 0);
        url = URI.create("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() throws Exception {
        // As the broker stops: the journal, then the streams while Jetty still runs, then Jetty.
        journal.close();
        routes.close();
        server.stop();
        db.close();
        issuer.close();
        Thread.sleep(200); // anything still running after the stop would log by now
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        List<ILoggingEvent> logged;
        synchronized (log) {
            logged = new ArrayList<>(log.list);
        }
        assertThat(logged).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).isEmpty();
    }

    @Test
    void anIdleStreamCarriesKeepAliveComments() throws Exception {
        try (SseConnection stream = SseConnection.open(url, "/v1/events", issuer.token("ada", "payments-dev"), null)) {
            long t0 = System.nanoTime();
            SseConnection.Comment first = stream.nextComment(Duration.ofSeconds(5));
            SseConnection.Comment second = stream.nextComment(Duration.ofSeconds(5));

            assertThat(first.text()).isEqualTo("keep-alive");
            assertThat(Duration.ofNanos(second.receivedNanos() - t0)).isLessThan(KEEP_ALIVE.multipliedBy(10));
        }
    }

    @Test
    void aClientThatHangsUpGivesItsSlotBackAndTheCapHoldsMeanwhile() throws Exception {
        String ada = issuer.token("ada", "payments-dev");
        List<SseConnection> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(SseConnection.open(url, "/v1/events", ada, null));
            }
            assertThat(open).allSatisfy(s -> assertThat(s.status()).isEqualTo(200));
            try (SseConnection fourth = SseConnection.open(url, "/v1/events", ada, null)) {
                assertThat(fourth.status()).isEqualTo(429);
                assertThat(fourth.header("Retry-After")).isEqualTo("5");
            }
            assertThat(slots.open("sub-ada")).isEqualTo(3);

            long t0 = System.nanoTime();
            open.removeFirst().close();
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> slots.open("sub-ada") == 2);
            System.out.printf("a hung-up stream freed its slot after %.0f ms (keep-alive every %d ms)%n",
                    (System.nanoTime() - t0) / 1e6, KEEP_ALIVE.toMillis());

            SseConnection again = SseConnection.open(url, "/v1/events", ada, null);
            open.add(again);
            assertThat(again.status()).isEqualTo(200);
        } finally {
            open.forEach(SseConnection::close);
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slots.open("sub-ada") == 0);
    }

    @Test
    void aLongPollHoldsASlotOnlyWhileItWaits() throws Exception {
        String ada = issuer.token("ada", "payments-dev");
        for (int i = 0; i < 5; i++) {
            try (var http = HttpClient.newHttpClient()) {
                var answer = http.send(HttpRequest.newBuilder(url.resolve("/v1/events?wait=0"))
                        .header("Authorization", "Bearer " + ada).header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                ApiContract.check(answer);
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).contains("\"events\":[]");
            }
        }
        assertThat(slots.open("sub-ada")).isZero();
    }

    @Test
    void aLongPollWhoseClientHungUpEndsQuietly() throws Exception {
        String ada = issuer.token("ada", "payments-dev");
        try (var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .build()) {
            var pending = http.sendAsync(HttpRequest.newBuilder(url.resolve("/v1/events?wait=1"))
                    .header("Authorization", "Bearer " + ada).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slots.open("sub-ada") == 1);
            pending.cancel(true);
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slots.open("sub-ada") == 0);
        Thread.sleep(300); // the answer went to a closed connection; nothing may follow
    }

    @Test
    void stoppingTheRoutesEndsOpenStreamsCleanly() throws Exception {
        try (SseConnection a = SseConnection.open(url, "/v1/events", issuer.token("ada", "payments-dev"), null);
             SseConnection b = SseConnection.open(url, "/v1/events", issuer.token("grace", "payments-leads"), null)) {
            assertThat(a.status()).isEqualTo(200);
            assertThat(b.status()).isEqualTo(200);
            routes.close();
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> slots.open("sub-ada") + slots.open("sub-grace") == 0);
            assertThat(a.eventsWithin(Duration.ofMillis(100))).isEmpty();
            assertThat(SseConnection.open(url, "/v1/events", issuer.token("ada", "payments-dev"), null).status())
                    .isEqualTo(503);
        }
    }

    @Test
    void closingTheJournalEndsOpenStreams() throws Exception {
        try (SseConnection stream = SseConnection.open(url, "/v1/events", issuer.token("ada", "payments-dev"), null)) {
            assertThat(stream.status()).isEqualTo(200);
            journal.close();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slots.open("sub-ada") == 0);
        }
    }
}
