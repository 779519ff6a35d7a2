package dev.latchkey.broker.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One timed phase of the load bench: a fixed number of workers, each with its own kept-alive
 * connection to one of the brokers (spread evenly), calling in a loop for a fixed time after a
 * warm-up. Bounded load: at most one call in flight per worker.
 */
final class LoadPhase {

    /** One call; true when the broker answered as it should. */
    interface Call {
        boolean run(KeepAliveHttp http, int worker, long n) throws IOException;
    }

    /** What a phase did. */
    record Result(String name, long ok, long errors, double seconds, Latencies latencies) {
        double perSecond() {
            return ok / seconds;
        }
    }

    private LoadPhase() {
    }

    static Result run(String name, List<URI> targets, int workers, Duration warmup, Duration length, Call call)
            throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        loop(targets, workers, warmup, call, sequence, null, new AtomicLong());
        Latencies[] each = new Latencies[workers];
        AtomicLong errors = new AtomicLong();
        long t0 = System.nanoTime();
        loop(targets, workers, length, call, sequence, each, errors);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Latencies all = new Latencies();
        for (Latencies l : each) {
            all.addAll(l);
        }
        return new Result(name, all.count(), errors.get(), seconds, all);
    }

    /** Runs the workers for {@code length}; records into {@code record} (one per worker) unless it is null. */
    private static void loop(List<URI> targets, int workers, Duration length, Call call, AtomicLong sequence,
            Latencies[] record, AtomicLong errors) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Latencies mine = new Latencies();
            if (record != null) {
                record[w] = mine;
            }
            threads.add(Thread.ofPlatform().name("load-" + w).start(() -> {
                try (KeepAliveHttp http = new KeepAliveHttp(targets.get(worker % targets.size()))) {
                    while (System.nanoTime() < end) {
                        long n = sequence.incrementAndGet();
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = call.run(http, worker, n);
                        } catch (IOException | RuntimeException e) {
                            ok = false;
                        }
                        if (ok) {
                            mine.add((System.nanoTime() - t0) / 1_000);
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
