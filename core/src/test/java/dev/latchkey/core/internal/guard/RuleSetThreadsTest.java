package dev.latchkey.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One rule set, two threads scanning at once (the built-in rules are one for the whole JVM, and
 * the app's agent can scan with them on two threads): each line runs the rules its own keywords
 * want, never those of the other thread's line.
 */
class RuleSetThreadsTest {

    private static final int LINES = 200_000;

    @Test
    void eachThreadsLineRunsItsOwnRules() throws Exception {
        RuleSet rules = RuleSet.builtIn();
        // Made here, not written out: no token-shaped text in the sources.
        String token = "ghp_" + "a1B2c3D4e5F6".repeat(3);
        String withHit = "token = " + token;
        String otherRule = "refresh = gho_short";
        int hits = rules.find("a.txt", withHit).size();
        assertThat(hits).isPositive();
        assertThat(rules.find("a.txt", otherRule)).isEmpty();

        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger missed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.ofPlatform().start(new Lines(rules, withHit, hits, start, missed)));
        threads.add(Thread.ofPlatform().start(new Lines(rules, otherRule, 0, start, missed)));
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(missed.get()).as("lines whose hits differed from the line's own").isZero();
    }

    private record Lines(RuleSet rules, String line, int hits, CountDownLatch start, AtomicInteger missed)
            implements Runnable {

        @Override
        public void run() {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < LINES; i++) {
                if (rules.find("a.txt", line).size() != hits) {
                    missed.incrementAndGet();
                }
            }
        }
    }
}
