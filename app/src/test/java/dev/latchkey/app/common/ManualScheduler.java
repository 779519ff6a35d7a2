package dev.latchkey.app.common;

import dev.latchkey.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link Scheduler} whose time moves only when a test says so. {@link #advance} runs every
 * action that falls due, in order, on the calling thread (the FX thread in TestFX tests).
 */
public final class ManualScheduler implements Scheduler {

    private record Job(Instant due, long seq, Runnable action) {
    }

    private final List<Job> jobs = new ArrayList<>();
    // Moved only under this scheduler's lock, so what falls due and the time it is move together.
    private final MutableClock clock;
    private long seq;
    private volatile Consumer<Instant> moved = to -> { };

    public ManualScheduler(Instant start) {
        this.clock = new MutableClock(start);
    }

    @Override
    public synchronized Cancellable after(Duration delay, Runnable action) {
        Job job = new Job(clock.instant().plus(delay), seq++, action);
        jobs.add(job);
        return () -> {
            synchronized (this) {
                jobs.remove(job);
            }
        };
    }

    /**
     * Tells {@code listener} each time the clock moves, before what falls due at that time runs:
     * a broker in a process of its own follows this clock so.
     */
    public void onMove(Consumer<Instant> listener) {
        moved = listener;
    }

    /** Moves time forward by {@code step}, running what falls due on the way. */
    public void advance(Duration step) {
        Instant target;
        synchronized (this) {
            target = clock.instant().plus(step);
        }
        while (true) {
            Job next;
            Instant at;
            synchronized (this) {
                next = jobs.stream().filter(j -> !j.due().isAfter(target))
                        .min(Comparator.comparing(Job::due).thenComparing(Job::seq)).orElse(null);
                jobs.remove(next);
                at = next == null ? target : next.due();
                clock.advance(Duration.between(clock.instant(), at));
            }
            moved.accept(at);
            if (next == null) {
                return;
            }
            next.action().run();
        }
    }

    public synchronized int pending() {
        return jobs.size();
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
