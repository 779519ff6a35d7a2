package dev.latchkey.broker.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Appends made at once share transactions, and each caller still gets exactly its own rows, in order. */
class GroupCommitTest {

    @Test
    void concurrentAppendsChainAsOneLineAndEachCallerGetsItsOwnRows() throws Exception {
        try (Database db = Database.inMemory()) {
            AuditLog log = new AuditLog(db, Clock.systemUTC());
            int threads = 32;
            int each = 40;
            List<List<AuditRecord>> got = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                got.add(new ArrayList<>());
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                workers.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < each; i++) {
                        // Two rows per call, as a resolve of two refs writes them.
                        got.get(me).addAll(log.appendAll(List.of(event("t" + me, "a" + i), event("t" + me, "b" + i))));
                    }
                }));
            }
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }

            assertThat(log.verify()).as("one unbroken chain").isEmpty();
            assertThat(log.after(0, 10_000)).hasSize(threads * each * 2);
            for (int t = 0; t < threads; t++) {
                List<AuditRecord> mine = got.get(t);
                assertThat(mine).hasSize(each * 2);
                for (int i = 0; i < each; i++) {
                    AuditRecord a = mine.get(2 * i);
                    AuditRecord b = mine.get(2 * i + 1);
                    assertThat(a.event().actor()).isEqualTo("t" + t);
                    assertThat(a.event().target()).isEqualTo("a" + i);
                    assertThat(b.event().target()).isEqualTo("b" + i);
                    assertThat(b.seq()).as("a call's rows stay together").isEqualTo(a.seq() + 1);
                }
            }
        }
    }

    @Test
    void callsWaitingTogetherAreWrittenInOneTransaction() throws Exception {
        AtomicInteger transactions = new AtomicInteger();
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit commits = new GroupCommit(events -> {
            if (transactions.incrementAndGet() == 1) {
                firstWriteStarted.countDown();
                await(release);
            }
            return events.stream().map(e -> new AuditRecord(0, Instant.EPOCH, e, "", "")).toList();
        });
        Thread first = Thread.ofVirtual().start(() -> commits.append(List.of(event("first", "x"))));
        firstWriteStarted.await();
        List<Thread> waiting = new ArrayList<>();
        List<String> answered = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            waiting.add(Thread.ofVirtual().start(() -> commits.append(List.of(event("w" + n, "y")))
                    .forEach(r -> answered.add(n + " got " + r.event().actor()))));
        }
        // The ten queue up behind the first write: each is parked in the commit, queued, before the release.
        awaitParkedIn(commits, waiting);
        release.countDown();
        first.join();
        for (Thread t : waiting) {
            t.join();
        }
        assertThat(answered).as("each caller gets its own row").containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 10).mapToObj(n -> n + " got w" + n).toList());
        assertThat(transactions.get()).as("the ten that waited together went in one transaction").isEqualTo(2);
    }

    @Test
    void anInterruptedCallerStillReturnsOnlyOnceItsRowsAreCommitted() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger committed = new AtomicInteger();
        GroupCommit commits = new GroupCommit(events -> {
            if (events.getFirst().actor().equals("first")) {
                firstWriteStarted.countDown();
                await(release);
            }
            committed.addAndGet(events.size());
            return events.stream().map(e -> new AuditRecord(0, Instant.EPOCH, e, "", "")).toList();
        });
        Thread first = Thread.ofVirtual().start(() -> commits.append(List.of(event("first", "x"))));
        firstWriteStarted.await();
        AtomicInteger seenOnReturn = new AtomicInteger(-1);
        Thread impatient = Thread.ofVirtual().start(() -> {
            commits.append(List.of(event("impatient", "y")));
            seenOnReturn.set(Thread.currentThread().isInterrupted() ? committed.get() : -2);
        });
        awaitParkedIn(commits, List.of(impatient));
        impatient.interrupt();
        Thread.sleep(100);
        assertThat(impatient.isAlive()).as("an interrupt does not end the wait for the commit").isTrue();
        release.countDown();
        first.join();
        impatient.join();
        assertThat(seenOnReturn.get()).as("returned after both rows, interrupt kept").isEqualTo(2);
    }

    @Test
    void aFailedWriteFailsEveryCallInItsBatch() {
        GroupCommit commits = new GroupCommit(events -> {
            throw new StoreException("cannot write the audit log: disk full", null);
        });
        assertThatThrownBy(() -> commits.append(List.of(event("a", "b")))).isInstanceOf(StoreException.class)
                .hasMessageContaining("disk full");
    }

    /**
     * Waits until every one of {@code threads} is parked inside {@code commits} (queued behind the
     * writer). A fixed sleep was not enough on a loaded machine: a thread not yet queued at the
     * release wrote a transaction of its own.
     */
    private static void awaitParkedIn(GroupCommit commits, List<Thread> threads) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                        && LockSupport.getBlocker(t) == commits));
    }

    private static AuditEvent event(String actor, String target) {
        return new AuditEvent(actor, "latchkey@127.0.0.1", "secret.resolve", target, "ok", "v1");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
