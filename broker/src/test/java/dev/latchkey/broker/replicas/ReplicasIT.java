package dev.latchkey.broker.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.events.JdbcEventJournal;
import dev.latchkey.broker.replicas.EventTail.Heard;
import dev.latchkey.broker.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Three broker processes (the real jar) on one real PostgreSQL, clients spread across them as a
 * load balancer without sticky sessions would spread them. What holds for one broker holds for
 * the three together: one winner per decision, each transition audited and announced once, events
 * reaching streams on every replica within the backstop poll, grant ends announced once though
 * every replica sweeps; and a replica killed and the database crashed under load lose and repeat
 * nothing, while clients carry on by reconnecting. The figures each test measured are printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    static final String ADMIN_GROUP = "ops";
    /** The longest an event may take to reach a stream on another replica: the backstop poll, plus a second for a loaded machine. */
    static final Duration DELIVERY = JdbcEventJournal.BACKSTOP_POLL.plusSeconds(1);

    /** How long a stopped load goes on for a decision acknowledged after the database restarted. */
    static final Duration CARRY_ON = Duration.ofSeconds(30);

    static final String SHORT_VALUE = "postgresql://short-lived";

    static ReplicaSet set;
    static Calls calls;
    static Ledger ledger;

    /** A failing test shows what the brokers logged (the failsafe report keeps it). */
    @RegisterExtension
    static final TestWatcher LOGS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (set != null) {
                System.out.println(set.logs());
            }
        }
    };

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        set = ReplicaSet.start(3, ReplicaSet.JVM);
        System.out.printf("replicas: 3 brokers and PostgreSQL up in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        calls = new Calls(set::urls);
        ledger = new Ledger(set.database());
        assertThat(calls.put(0, "/v1/admin/secrets/team/short/db-url", set.token("root", ADMIN_GROUP),
                Map.of("value", SHORT_VALUE)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (set != null) {
            set.close();
        }
    }

    @Test
    @Order(1)
    void concurrentDecisionsThroughDifferentReplicasHaveOneWinnerOneAuditRowAndOneEvent() throws Exception {
        int n = 24;
        String lead = set.token("lead-a", "leads");
        String otherLead = set.token("lead-b", "leads");
        List<EventTail> tails = new ArrayList<>();
        try (EventTail reviewers = new EventTail(set::urls, 2, () -> set.token("lead-watch", "leads"));
             ExecutorService pool = Executors.newFixedThreadPool(3 * n)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String dev = set.token("dev-d" + i, "devs");
                tails.add(new EventTail(set::urls, i + 1, () -> dev));
                var filed = calls.post(i, "/v1/access-requests", dev, Map.of("scope", "team/prod",
                        "justification", "replica test " + i, "duration", "30m"));
                assertThat(filed.status()).as(filed.body().toString()).isEqualTo(201);
                ids.add(filed.body().path("id").asText());
            }
            CountDownLatch go = new CountDownLatch(1);
            List<List<Future<Calls.Answer>>> outcomes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = ids.get(i);
                String dev = set.token("dev-d" + i, "devs");
                int r = i;
                outcomes.add(List.of(
                        pool.submit(() -> {
                            go.await();
                            return calls.post(r, "/v1/access-requests/" + id + ":approve", lead, Map.of());
                        }),
                        pool.submit(() -> {
                            go.await();
                            return calls.post(r + 1, "/v1/access-requests/" + id + ":deny", otherLead,
                                    Map.of("reason", "not now"));
                        }),
                        pool.submit(() -> {
                            go.await();
                            return calls.post(r + 2, "/v1/access-requests/" + id + ":cancel", dev, Map.of());
                        })));
            }
            go.countDown();
            Map<String, String> winners = new HashMap<>();
            Map<String, Instant> decidedAt = new HashMap<>();
            for (int i = 0; i < n; i++) {
                List<Calls.Answer> answers = new ArrayList<>();
                for (Future<Calls.Answer> f : outcomes.get(i)) {
                    answers.add(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(answers).extracting(Calls.Answer::status).as("request %d", i)
                        .containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
                Calls.Answer won = answers.stream().filter(Calls.Answer::ok).findFirst().orElseThrow();
                winners.put(ids.get(i), won.body().path("state").asText());
                decidedAt.put(ids.get(i), won.receivedAt());
            }

            Map<String, String> stored = ledger.requests("dev-d").stream()
                    .collect(Collectors.toMap(Ledger.Request::id, Ledger.Request::state));
            assertThat(stored).as("what the database holds is what each winner was told").isEqualTo(winners);
            for (String id : ids) {
                assertThat(ledger.actions(id)).as("audit of %s", id)
                        .containsExactly("request.create", "request." + verb(winners.get(id)));
            }
            List<Ledger.Event> decided = ledger.events().stream().filter(e -> e.type().equals("request.decided"))
                    .filter(e -> ids.contains(e.data().path("requestId").asText())).toList();
            assertThat(decided).extracting(e -> e.data().path("requestId").asText())
                    .containsExactlyInAnyOrderElementsOf(ids);

            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = ids.get(i);
                List<Heard> mine = awaitHeard(tails.get(i), "request.decided", 1);
                assertThat(mine).singleElement().satisfies(h -> assertThat(h.data().path("state").asText())
                        .isEqualTo(winners.get(id)));
                latencies.add(Math.max(0, Duration.between(decidedAt.get(id), mine.getFirst().at()).toMillis()));
                assertOrderedOnce(tails.get(i).heard());
            }
            List<Heard> created = awaitHeard(reviewers, "request.created", n).stream()
                    .filter(h -> ids.contains(h.data().path("requestId").asText())).toList();
            assertThat(created).extracting(h -> h.data().path("requestId").asText()).containsExactlyElementsOf(ids);
            assertOrderedOnce(reviewers.heard());
            latencies.sort(null);
            System.out.printf("replicas: %d requests x 3 concurrent deciders on 3 replicas: %d winners;"
                    + " decision to stream on another replica p50 %d ms, max %d ms (backstop %d ms)%n", n,
                    winners.size(), latencies.get(n / 2), latencies.getLast(), JdbcEventJournal.BACKSTOP_POLL.toMillis());
            assertThat(latencies.getLast()).as("delivery within the backstop poll").isLessThanOrEqualTo(DELIVERY.toMillis());
        } finally {
            tails.forEach(EventTail::close);
        }
    }

    @Test
    @Order(2)
    void anEventOnOneReplicaReachesAQuietStreamOnAnotherWithinTheBackstopPoll() throws Exception {
        // Nothing else happens on replica 1, so only its backstop poll can tell it of replica 0's events.
        String dev = set.token("dev-q", "devs");
        String lead = set.token("lead-q", "leads");
        List<Long> latencies = new ArrayList<>();
        try (EventTail tail = new EventTail(set::urls, 1, () -> dev)) {
            for (int i = 0; i < 6; i++) {
                var filed = calls.post(2, "/v1/access-requests", dev, Map.of("scope", "team/prod",
                        "justification", "quiet " + i, "duration", "30m"));
                assertThat(filed.status()).isEqualTo(201);
                Thread.sleep(150 + 350L * i); // a different phase of the poll each time
                var approved = calls.post(0, "/v1/access-requests/" + filed.body().path("id").asText() + ":approve",
                        lead, Map.of());
                assertThat(approved.status()).isEqualTo(200);
                // Give the grant back, so the next request for the scope is not refused as already held.
                assertThat(giveBack(2, dev, approved).status()).isEqualTo(200);
                List<Heard> heard = awaitHeard(tail, "request.decided", i + 1);
                assertThat(heard).hasSize(i + 1);
                latencies.add(Duration.between(approved.receivedAt(), heard.getLast().at()).toMillis());
            }
            assertOrderedOnce(tail.heard());
            assertThat(tail.connections()).isEqualTo(1);
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.printf("replicas: a decision on replica 0 reaching a quiet stream on replica 1: %s ms"
                + " (median %d, max %d; backstop poll %d ms)%n", latencies, sorted.get(sorted.size() / 2),
                sorted.getLast(), JdbcEventJournal.BACKSTOP_POLL.toMillis());
        assertThat(sorted.getLast()).isLessThanOrEqualTo(DELIVERY.toMillis());
    }

    @Test
    @Order(3)
    void grantEndsAreAnnouncedOnceThoughEveryReplicaSweepsAndNoGrantOutlivesItsEnd() throws Exception {
        int n = 12;
        List<EventTail> tails = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Instant> ends = new ArrayList<>();
            List<Future<List<Calls.Answer>>> reads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String dev = set.token("dev-g" + i, "devs");
                tails.add(new EventTail(set::urls, i + 2, () -> dev));
                var filed = calls.post(i, "/v1/access-requests", dev, Map.of("scope", "team/short",
                        "justification", "short grant " + i, "duration", "3s"));
                assertThat(filed.status()).isEqualTo(201);
                assertThat(filed.body().path("state").asText()).isEqualTo("approved");
                Instant end = Instant.parse(filed.body().path("grant").path("endsAt").asText());
                ends.add(end);
                int replica = i + 1;
                reads.add(pool.submit(() -> readUntilRefused(replica, dev, end)));
            }
            for (int i = 0; i < n; i++) {
                List<Calls.Answer> answers = reads.get(i).get(60, TimeUnit.SECONDS);
                assertThat(answers).as("dev-g%d read while the grant held", i).anyMatch(ReplicasIT::hasValue);
                assertThat(answers.getLast()).as("dev-g%d refused once it ended", i).matches(a -> !hasValue(a));
                assertNoValueAfter(answers, ends.get(i));
            }
            Instant last = ends.stream().max(Instant::compareTo).orElseThrow();
            // Every replica sweeps each second; the stream hears of it within the backstop poll.
            Instant announced = last.plusSeconds(1).plus(DELIVERY);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), announced).toMillis()));

            List<Ledger.Grant> grants = ledger.grants("dev-g");
            assertThat(grants).hasSize(n).allSatisfy(g -> assertThat(g.endPublished()).isEqualTo(1));
            for (Ledger.Grant g : grants) {
                assertThat(ledger.actions(g.id())).as("audit of %s", g.id()).containsExactly("grant.start", "grant.end");
            }
            List<Ledger.Event> ended = ledger.events().stream().filter(e -> e.type().equals("grant.ended"))
                    .filter(e -> grants.stream().anyMatch(g -> g.id().equals(e.data().path("grantId").asText()))).toList();
            assertThat(ended).hasSize(n);
            assertThat(ids(ended, "grantId")).hasSize(n);
            List<Long> late = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<Heard> heard = tails.get(i).heard();
                assertThat(heard).extracting(Heard::type).as("dev-g%d heard", i)
                        .containsExactly("request.decided", "grant.starting", "grant.ended");
                assertOrderedOnce(heard);
                late.add(Duration.between(ends.get(i), heard.getLast().at()).toMillis());
            }
            late.sort(null);
            System.out.printf("replicas: %d grants of 3 s, 3 replicas sweeping: each end audited and announced once;"
                    + " heard on a stream p50 %d ms, max %d ms after the end (sweep 1 s + backstop %d ms)%n",
                    n, late.get(n / 2), late.getLast(), JdbcEventJournal.BACKSTOP_POLL.toMillis());
            assertThat(late.getLast()).isLessThanOrEqualTo(Duration.ofSeconds(1).plus(DELIVERY).toMillis());
        } finally {
            tails.forEach(EventTail::close);
        }
    }

    /** Resolves the short scope's value every 100 ms until a read after {@code end} is refused. */
    static List<Calls.Answer> readUntilRefused(int replica, String token, Instant end) throws InterruptedException {
        List<Calls.Answer> answers = new ArrayList<>();
        while (true) {
            Calls.Answer a = calls.post(replica++, "/v1/secrets:resolve", token,
                    Map.of("refs", List.of("latchkey://team/short/db-url")));
            answers.add(a);
            if (a.status() == 200 && !hasValue(a) && a.sentAt().isAfter(end)) {
                return answers;
            }
            if (Instant.now().isAfter(end.plusSeconds(20))) {
                return answers;
            }
            Thread.sleep(100);
        }
    }

    static boolean hasValue(Calls.Answer a) {
        return a.status() == 200 && a.body().path("resolved").size() > 0
                && SHORT_VALUE.equals(a.body().path("resolved").get(0).path("value").asText());
    }

    /** No read sent after the grant's end returned the value: the end is exclusive, on every replica. */
    static void assertNoValueAfter(List<Calls.Answer> answers, Instant end) {
        for (Calls.Answer a : answers) {
            if (hasValue(a)) {
                assertThat(a.sentAt()).as("a value read at %s from a grant that ended at %s", a.sentAt(), end)
                        .isBefore(end);
            }
        }
    }

    /** What one worker of the fault test did and was told. */
    record Worked(List<Calls.Answer> decisions, List<Calls.Answer> failures, List<Calls.Answer> reads,
            List<Instant> readEnds, int calls, int retried) {
    }

    @Test
    @Order(4)
    void aReplicaKilledAndTheDatabaseCrashedUnderLoadLoseAndRepeatNothing() throws Exception {
        int workers = 6;
        List<EventTail> tails = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Instant> restartedAt = new AtomicReference<>();
        String lead = set.token("lead-f", "leads");
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<Worked>> work = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String dev = set.token("dev-f" + w, "devs");
                tails.add(new EventTail(set::urls, w, () -> dev)); // two of them on replica 2, which is killed
                int first = w;
                work.add(pool.submit(() -> load(first, dev, lead, stop, restartedAt)));
            }
            Thread.sleep(3_000);
            long t0 = System.nanoTime();
            set.kill(2);
            System.out.printf("replicas: SIGKILLed replica 2 under load%n");
            Thread.sleep(3_000);
            long c0 = System.nanoTime();
            set.postgres().crashAndRestart();
            System.out.printf("replicas: crashed PostgreSQL (pg_ctl stop -m immediate) and started it again in %d ms%n",
                    (System.nanoTime() - c0) / 1_000_000);
            Instant restarted = Instant.now();
            restartedAt.set(restarted);
            Thread.sleep(4_000);
            stop.set(true);
            System.out.printf("replicas: load stopped %d ms after the kill%n", (System.nanoTime() - t0) / 1_000_000);
            List<Worked> done = new ArrayList<>();
            for (Future<Worked> f : work) {
                done.add(f.get(120, TimeUnit.SECONDS));
            }
            Instant lastEnd = done.stream().flatMap(d -> d.readEnds().stream()).max(Instant::compareTo)
                    .orElse(Instant.now());
            Instant settled = lastEnd.plusSeconds(1).plus(DELIVERY);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), settled).toMillis()));

            // Every decision a client was told of is in the database, as it was told.
            Map<String, Ledger.Request> requests = ledger.requests("dev-f").stream()
                    .collect(Collectors.toMap(Ledger.Request::id, r -> r));
            int acknowledged = 0;
            for (Worked d : done) {
                for (Calls.Answer a : d.decisions()) {
                    if (a.status() == 200) {
                        acknowledged++;
                        String told = a.body().path("state").asText();
                        // An approved request turns revoked when its grantee gives the grant back.
                        assertThat(requests.get(a.body().path("id").asText()).state())
                                .isIn(told.equals("approved") ? List.of("approved", "revoked") : List.of(told));
                    }
                }
                assertThat(d.failures()).as("calls no replica answered within 30 s").isEmpty();
                // Each request here is decided by one call only: a conflict can only be that call's own retry.
                assertThat(d.decisions()).filteredOn(a -> a.status() == 409).as("conflicts on a first attempt")
                        .allMatch(a -> a.attempts() > 1);
                for (int i = 0; i < d.reads().size(); i++) {
                    assertNoValueAfter(List.of(d.reads().get(i)), d.readEnds().get(i));
                }
                assertThat(carriedOn(d.decisions(), restarted)).as("the client carried on once the database was back: %s",
                        d.decisions().stream().filter(a -> a.sentAt() != null && a.sentAt().isAfter(restarted)).map(ReplicasIT::brief).toList())
                        .isTrue();
            }
            // Every transition is in the audit log once and was announced once; none is missing.
            List<Ledger.Event> events = ledger.events();
            Map<String, Long> decidedEvents = events.stream().filter(e -> e.type().equals("request.decided"))
                    .collect(Collectors.groupingBy(e -> e.data().path("requestId").asText(), Collectors.counting()));
            Map<String, Long> createdEvents = events.stream().filter(e -> e.type().equals("request.created"))
                    .collect(Collectors.groupingBy(e -> e.data().path("requestId").asText(), Collectors.counting()));
            for (Ledger.Request r : requests.values()) {
                List<String> actions = ledger.actions(r.id());
                boolean auto = actions.contains("request.auto-approve");
                boolean pending = r.state().equals("pending");
                List<String> expected = pending ? List.of("request.create")
                        : auto ? List.of("request.create", "request.auto-approve")
                        : List.of("request.create", "request." + verb(r.state()));
                assertThat(actions).as("audit of %s (%s)", r.id(), r.state()).isEqualTo(expected);
                assertThat(decidedEvents.getOrDefault(r.id(), 0L)).as("request.decided for %s", r.id())
                        .isEqualTo(pending ? 0L : 1L);
                assertThat(createdEvents.getOrDefault(r.id(), 0L)).as("request.created for %s", r.id())
                        .isEqualTo(auto ? 0L : 1L);
            }
            List<Ledger.Grant> grants = ledger.grants("dev-f");
            Set<String> endedIds = ids(events.stream().filter(e -> e.type().equals("grant.ended")).toList(), "grantId");
            long endedEvents = events.stream().filter(e -> e.type().equals("grant.ended"))
                    .filter(e -> grants.stream().anyMatch(g -> g.id().equals(e.data().path("grantId").asText()))).count();
            int ended = 0;
            for (Ledger.Grant g : grants) {
                if (g.endsAt().isBefore(Instant.now().minus(DELIVERY)) && !g.revoked()) {
                    ended++;
                    assertThat(g.endPublished()).as("the end of %s announced", g.id()).isEqualTo(1);
                    assertThat(ledger.actions(g.id())).as("audit of %s", g.id()).containsExactly("grant.start", "grant.end");
                    assertThat(endedIds).contains(g.id());
                }
            }
            assertThat(endedEvents).as("one grant.ended per ended grant").isEqualTo(ended);
            // Each client's stream, across reconnects to other replicas, heard its events once, in order.
            for (int w = 0; w < workers; w++) {
                String subject = "sub-dev-f" + w;
                List<Long> journal = events.stream().filter(e -> subject.equals(e.subject())).map(Ledger.Event::id).toList();
                List<Heard> heard = tails.get(w).heard();
                assertOrderedOnce(heard);
                assertThat(heard).extracting(Heard::id).as("what dev-f%d's stream heard", w)
                        .containsExactlyElementsOf(journal);
            }
            assertThat(tails.get(2).connections()).as("a stream on the killed replica reconnected").isGreaterThan(1);
            verifyAuditChain();

            int calls = done.stream().mapToInt(Worked::calls).sum();
            int retried = done.stream().mapToInt(Worked::retried).sum();
            long ownConflicts = done.stream().flatMap(d -> d.decisions().stream()).filter(a -> a.status() == 409).count();
            System.out.printf("replicas: faults: %d calls by %d clients (%d needed another replica or a retry),"
                    + " %d decisions acknowledged, %d requests, %d grants (%d ended) checked: none lost, none twice;"
                    + " streams reconnected %s times; %d retried decisions answered 409 (a commit whose answer the"
                    + " crash cut)%n", calls, workers, retried, acknowledged, requests.size(),
                    grants.size(), ended, tails.stream().map(t -> t.connections() - 1).toList(), ownConflicts);
        } finally {
            stop.set(true);
            tails.forEach(EventTail::close);
        }
    }

    /**
     * One client's loop: file a reviewed request and decide it; now and then an auto-approved 2 s grant read until it ends.
     * Once stopped it carries on until it has had a decision sent after the database restarted acknowledged, or
     * {@link #CARRY_ON} passed: on a loaded machine the pools may take longer than the load's last seconds to reconnect,
     * and the test is that the client does carry on, not how soon.
     */
    static Worked load(int first, String dev, String lead, AtomicBoolean stop, AtomicReference<Instant> restarted) {
        List<Calls.Answer> decisions = new ArrayList<>();
        List<Calls.Answer> failures = new ArrayList<>();
        List<Calls.Answer> reads = new ArrayList<>();
        List<Instant> readEnds = new ArrayList<>();
        int calls = 0;
        int retried = 0;
        long carryOnUntil = Long.MAX_VALUE;
        for (int k = first; !stop.get() || !carriedOn(decisions, restarted.get()) && System.nanoTime() < carryOnUntil; k++) {
            if (stop.get() && carryOnUntil == Long.MAX_VALUE) {
                carryOnUntil = System.nanoTime() + CARRY_ON.toNanos();
            }
            List<Calls.Answer> made = new ArrayList<>();
            Calls.Answer filed = ReplicasIT.calls.post(k, "/v1/access-requests", dev, Map.of("scope", "team/prod",
                    "justification", "fault test " + k, "duration", "30m"));
            made.add(filed);
            if (filed.status() == 201) {
                String id = filed.body().path("id").asText();
                Calls.Answer decided = k % 2 == 0
                        ? ReplicasIT.calls.post(k + 1, "/v1/access-requests/" + id + ":approve", lead, Map.of())
                        : ReplicasIT.calls.post(k + 1, "/v1/access-requests/" + id + ":deny", lead,
                                Map.of("reason", "fault test"));
                made.add(decided);
                decisions.add(decided);
                if (decided.status() == 200 && k % 2 == 0) {
                    made.add(giveBack(k + 2, dev, decided));
                }
            }
            if (k % 3 == 0) {
                Calls.Answer grant = ReplicasIT.calls.post(k + 2, "/v1/access-requests", dev, Map.of(
                        "scope", "team/short", "justification", "fault test read " + k, "duration", "2s"));
                made.add(grant);
                if (grant.status() == 201) {
                    Instant end = Instant.parse(grant.body().path("grant").path("endsAt").asText());
                    Calls.Answer read = ReplicasIT.calls.post(k + 3, "/v1/secrets:resolve", dev,
                            Map.of("refs", List.of("latchkey://team/short/db-url")));
                    made.add(read);
                    reads.add(read);
                    readEnds.add(end);
                }
            }
            for (Calls.Answer a : made) {
                calls++;
                retried += a.attempts() > 1 ? 1 : 0;
                if (a.status() == -1 || a.status() >= 500) {
                    failures.add(a);
                }
            }
        }
        return new Worked(decisions, failures, reads, readEnds, calls, retried);
    }

    /** Whether a decision sent after {@code restarted} was acknowledged. */
    static boolean carriedOn(List<Calls.Answer> decisions, Instant restarted) {
        return restarted != null && decisions.stream().anyMatch(a -> a.status() == 200 && a.sentAt().isAfter(restarted));
    }

    /** An answer in a line, for a failure's message. */
    static String brief(Calls.Answer a) {
        return a.status() + " after " + a.attempts() + " attempt(s): " + a.body().path("message").asText("");
    }

    /**
     * The grantee revokes the grant an approval made: a person holding a scope is refused another request
     * for it, and these loops file the same scope again and again.
     */
    static Calls.Answer giveBack(int replica, String grantee, Calls.Answer approval) {
        String grant = approval.body().path("grant").path("id").asText();
        return calls.post(replica, "/v1/grants/" + grant + ":revoke", grantee, Map.of("reason", "done"));
    }

    private static String verb(String state) {
        return switch (state) {
            case "approved" -> "approve";
            case "revoked" -> "approve"; // approved, then its grant given back (audited on the grant)
            case "denied" -> "deny";
            case "cancelled" -> "cancel";
            default -> throw new AssertionError("not a decision: " + state);
        };
    }

    /** Waits up to {@link #DELIVERY} plus the sweep for {@code count} events of {@code type}; returns those heard. */
    static List<Heard> awaitHeard(EventTail tail, String type, int count) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY.plusSeconds(10).toNanos();
        while (true) {
            List<Heard> of = tail.heard().stream().filter(h -> h.type().equals(type)).toList();
            if (of.size() >= count || System.nanoTime() > deadline) {
                return of;
            }
            Thread.sleep(50);
        }
    }

    /** Ids only go up: each event once, in the journal's order, across reconnects to other replicas. */
    static void assertOrderedOnce(List<Heard> heard) {
        for (int i = 1; i < heard.size(); i++) {
            assertThat(heard.get(i).id()).as("event %d after %d", heard.get(i).id(), heard.get(i - 1).id())
                    .isGreaterThan(heard.get(i - 1).id());
        }
    }

    static Set<String> ids(List<Ledger.Event> events, String field) {
        return events.stream().map(e -> e.data().path(field).asText()).collect(Collectors.toSet());
    }

    static void verifyAuditChain() {
        try (Database db = Database.open(set.database())) {
            assertThat(new AuditLog(db, Clock.systemUTC()).verify()).as("the audit chain").isEmpty();
        }
    }
}
