package dev.latchkey.broker.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.audit.AuditRecord;
import dev.latchkey.broker.events.EventJournal;
import dev.latchkey.broker.events.EventJournal.Audience;
import dev.latchkey.broker.grants.Grant;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.broker.store.Database;
import dev.latchkey.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What requests and grants tell people, through a journal that records what it is given. Time
 * moves only when the test moves the clock, and the sweep runs only when the test calls it.
 */
class RequestEventsTest {

    record Published(Audience audience, String type, Map<String, Object> data) {
    }

    /** A journal that keeps what it is given, in order. */
    static final class RecordingJournal implements EventJournal {
        final List<Published> events = new ArrayList<>();

        @Override
        public synchronized void publish(Audience audience, String type, Map<String, Object> data) {
            events.add(new Published(audience, type, data));
        }

        synchronized List<Published> drain() {
            List<Published> out = List.copyOf(events);
            events.clear();
            return out;
        }
    }

    static final Caller ADA = new Caller("sub-ada", "ada", Set.of("payments-dev"), "latchkey");
    static final Caller JOAN = new Caller("sub-joan", "joan", Set.of("payments-leads"), "latchkey");

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
    final RecordingJournal journal = new RecordingJournal();
    final Policy policy = DemoOrganisation.policy(0);
    Database db;
    RequestDesk desk;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        desk = new RequestDesk(db, journal, clock);
    }

    @AfterEach
    void close() {
        desk.sweep.close();
        db.close();
    }

    AccessRequest prod(Caller who) {
        return prod(who, null);
    }

    /** A request for prod from {@code startAt} (null: on approval); grants a person holds may not overlap. */
    AccessRequest prod(Caller who, Instant startAt) {
        return desk.requests.submit(who, policy, new RequestDraft("payments/prod", null, "PAY-1 incident review", "1h",
                startAt == null ? null : startAt.toString()), "test");
    }

    @Test
    void reviewersHearOfARequestAndTheRequesterOfTheDecision() {
        AccessRequest r = prod(ADA);
        assertThat(journal.drain()).containsExactly(new Published(new Audience.Groups(Set.of("payments-leads"), "sub-ada"),
                "request.created", Map.of("requestId", r.id(), "scope", "payments/prod", "requester", "ada",
                        "durationSeconds", 3600L)));

        AccessRequest approved = desk.requests.approve(JOAN, policy, r.id(), Optional.of("ok"), "test");
        List<Published> decided = journal.drain();
        assertThat(decided).hasSize(1);
        assertThat(decided.getFirst().audience()).isEqualTo(new Audience.Subject("sub-ada"));
        assertThat(decided.getFirst().type()).isEqualTo("request.decided");
        assertThat(decided.getFirst().data()).containsEntry("state", "approved").containsEntry("decidedBy", "joan")
                .containsEntry("reason", "ok").containsEntry("grantId", approved.grantId().orElseThrow());
    }

    @Test
    void anAutoApprovalIsADecisionByItsRuleAndAsksNoReviewer() {
        desk.requests.submit(ADA, policy, new RequestDraft("payments/staging", null, "load test", "2h", null), "test");
        List<Published> events = journal.drain();
        assertThat(events).extracting(Published::type).containsExactly("request.decided");
        assertThat(events.getFirst().data()).containsEntry("decidedBy", "policy:staging-short");
    }

    @Test
    void aGrantIsAnnouncedAsItStartsNearsItsEndAndEndsEachOnce() {
        AccessRequest r = prod(ADA);
        Grant g = desk.requests.approve(JOAN, policy, r.id(), Optional.empty(), "test").grant().orElseThrow();
        journal.drain();

        assertThat(desk.sweep.sweep()).isEqualTo(1);
        assertThat(journal.drain()).containsExactly(new Published(new Audience.Subject("sub-ada"), "grant.starting",
                Map.of("grantId", g.id(), "scope", "payments/prod", "startsAt", g.startsAt(), "endsAt", g.endsAt())));
        assertThat(desk.sweep.sweep()).isZero();

        clock.advance(Duration.ofMinutes(45).minusSeconds(1));
        assertThat(desk.sweep.sweep()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(desk.sweep.sweep()).isEqualTo(1);
        assertThat(journal.drain()).extracting(Published::type).containsExactly("grant.ending-soon");
        assertThat(desk.sweep.sweep()).isZero();

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(desk.sweep.sweep()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(desk.sweep.sweep()).isEqualTo(1);
        assertThat(journal.drain()).containsExactly(new Published(new Audience.Subject("sub-ada"), "grant.ended",
                Map.of("grantId", g.id(), "scope", "payments/prod", "endsAt", g.endsAt())));
        assertThat(desk.sweep.sweep()).isZero();
        assertThat(actions(g.id())).containsExactly("grant.start", "grant.end");
    }

    @Test
    void aRevokedGrantIsAnnouncedOnceAndNeverAsEnded() {
        AccessRequest r = prod(ADA);
        Grant g = desk.requests.approve(JOAN, policy, r.id(), Optional.empty(), "test").grant().orElseThrow();
        desk.sweep.sweep();
        journal.drain();

        desk.requests.revoke(JOAN, policy, g.id(), Optional.of("incident closed"), "test");
        assertThat(journal.drain()).containsExactly(new Published(new Audience.Subject("sub-ada"), "grant.revoked",
                Map.of("grantId", g.id(), "scope", "payments/prod", "revokedBy", "joan", "reason", "incident closed")));
        clock.advance(Duration.ofHours(2));
        assertThat(desk.sweep.sweep()).isZero();
        assertThat(journal.drain()).isEmpty();
        assertThat(actions(g.id())).containsExactly("grant.start", "grant.revoke");
    }

    @Test
    void theSweepExpiresUndecidedRequestsOnce() {
        AccessRequest r = prod(ADA);
        journal.drain();
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(desk.sweep.sweep()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(desk.sweep.sweep()).isEqualTo(1);
        assertThat(desk.sweep.sweep()).isZero();
        List<Published> events = journal.drain();
        assertThat(events).extracting(Published::type).containsExactly("request.decided");
        assertThat(events.getFirst().data()).containsEntry("state", "expired");
        assertThat(desk.requests.get(ADA, policy, r.id()).state()).isEqualTo(RequestState.EXPIRED);
        assertThat(actions(r.id())).containsExactly("request.create", "request.expire");
    }

    @Test
    void sweepsRunningAtOnceAnnounceEachThingOnce() throws Exception {
        List<Grant> grants = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            AccessRequest r = prod(ADA, clock.instant().plus(Duration.ofHours(i)));
            grants.add(desk.requests.approve(JOAN, policy, r.id(), Optional.empty(), "test").grant().orElseThrow());
        }
        prod(ADA, clock.instant().plus(Duration.ofHours(10)));
        journal.drain();
        clock.advance(Duration.ofHours(25));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // A sweep of its own per thread, as each broker replica has.
            AccessSweep replica = desk.newSweep();
            runs.add(pool.submit(() -> {
                go.await();
                return replica.sweep();
            }));
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> f : runs) {
            total += f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // An end waits for its start to be recorded; one more pass picks up any that waited.
        total += desk.sweep.sweep();
        // 10 starts (audited, not announced: they are over), 10 ends, 1 expiry: each once.
        assertThat(total).isEqualTo(21);
        List<Published> events = journal.drain();
        assertThat(events).extracting(Published::type).filteredOn("grant.ended"::equals).hasSize(10);
        assertThat(events).extracting(Published::type).filteredOn("grant.starting"::equals).isEmpty();
        assertThat(events).extracting(Published::type).filteredOn("request.decided"::equals).hasSize(1);
        for (Grant g : grants) {
            assertThat(actions(g.id())).containsExactly("grant.start", "grant.end");
        }
    }

    private List<String> actions(String target) {
        return desk.audit.after(0, 10_000).stream().map(AuditRecord::event).filter(e -> e.target().equals(target))
                .map(e -> e.action()).toList();
    }
}
