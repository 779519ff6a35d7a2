package dev.latchkey.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.events.EventFeed;
import dev.latchkey.broker.events.EventJournal.Audience;
import dev.latchkey.broker.events.EventTypes;
import dev.latchkey.broker.events.JdbcEventJournal;
import dev.latchkey.broker.events.JournalEvent;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.metrics.BrokerMetrics;
import dev.latchkey.broker.metrics.MetricsReader;
import dev.latchkey.broker.testing.PostgresCluster;
import dev.latchkey.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The event journal and the metrics on PostgreSQL, with two journals on two connection pools
 * standing for two broker replicas. Needs PostgreSQL's binaries (a real part, as for
 * {@link PostgresTest}).
 */
class EventsOnPostgresTest {

    static final Caller ADA = new Caller("sub-ada", "ada", Set.of("payments-dev"), "latchkey");

    @Test
    void twoReplicasShareOneOrderedJournalAndHearEachOther() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T06:00:00Z"));
        String url = PostgresCluster.shared().newDatabase();
        try (Database one = Database.open(url);
             Database two = Database.open(url);
             JdbcEventJournal first = JdbcEventJournal.open(one, clock);
             JdbcEventJournal second = JdbcEventJournal.open(two, clock)) {
            Map<String, Object> data = Map.of("grantId", "g", "scope", "payments/dev", "endsAt", clock.instant());
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                List<Future<?>> done = new ArrayList<>();
                for (JdbcEventJournal j : List.of(first, second, first, second)) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 20; i++) {
                            j.publish(new Audience.Subject("sub-ada"), EventTypes.GRANT_ENDED, data);
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            assertThat(first.after(ADA, 0, 1_000)).extracting(JournalEvent::id)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 80).boxed().toList());
            second.publish(new Audience.Groups(Set.of("payments-dev"), "sub-grace"), EventTypes.REQUEST_CREATED,
                    Map.of("requestId", "r", "scope", "payments/prod", "requester", "grace"));
            assertThat(first.after(ADA, 80, 10)).hasSize(1);

            EventFeed feed = first.feed(ADA, OptionalLong.empty());
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                second.publish(new Audience.Subject("sub-ada"), EventTypes.GRANT_ENDED, data);
            });
            assertThat(feed.next(Duration.ofSeconds(10))).hasSize(1);

            BrokerMetrics m = new MetricsReader(one, clock).read();
            assertThat(m.requests()).containsEntry("pending", 0L);
            assertThat(m.decidedWithinSla()).isEmpty();
            assertThat(m.activeGrants()).isZero();
        }
    }
}
