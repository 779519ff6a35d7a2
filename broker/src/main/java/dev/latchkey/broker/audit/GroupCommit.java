package dev.latchkey.broker.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Appends from many threads written together. Each append queues its events; one caller at a
 * time (the one holding the writer's lock) writes everything queued so far in one transaction,
 * so the chain's head is locked (and a commit made) once per batch, not once per call. Every
 * caller returns only once its own events are committed, and each caller's events stay together
 * and in order.
 *
 * <p>Callers whose events another wrote are woken directly, not by passing the lock along: under
 * load, handing the lock from one finished waiter to the next (each waiting its turn for a CPU)
 * held up the next batch. A writer whose own events are in stops writing and wakes the first
 * caller still queued, which takes the lock and writes the next batch; so no one caller writes
 * for others without end, and nothing queued is left without a writer.
 */
final class GroupCommit {

    /** The most events one transaction carries. */
    static final int MAX_EVENTS = 1_000;

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final Function<List<AuditEvent>, List<AuditRecord>> write;

    /** @param write writes events in one transaction and returns their records, in order */
    GroupCommit(Function<List<AuditEvent>, List<AuditRecord>> write) {
        this.write = write;
    }

    /** Appends {@code events}; returns their records once committed, or throws what the write threw. */
    List<AuditRecord> append(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Pending mine = new Pending(events, Thread.currentThread());
        queue.add(mine);
        boolean interrupted = false;
        while (!mine.done) {
            if (writer.tryLock()) {
                try {
                    while (!mine.done) {
                        writeBatch();
                    }
                } finally {
                    writer.unlock();
                }
                // Anything queued while we held the lock was queued before its caller failed to
                // take it, so it is seen here: its caller is woken to write it.
                Pending next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller);
                }
            } else {
                // Woken when written, or when it is this caller's turn to write; never returns
                // before its rows are committed, so an interrupt is kept for later.
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.records;
    }

    private void writeBatch() {
        List<Pending> batch = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        for (Pending p = queue.peek(); p != null && (events.isEmpty() || events.size() + p.events.size() <= MAX_EVENTS);
                p = queue.peek()) {
            queue.poll();
            batch.add(p);
            events.addAll(p.events);
        }
        try {
            List<AuditRecord> records = write.apply(events);
            int at = 0;
            for (Pending p : batch) {
                p.records = List.copyOf(records.subList(at, at + p.events.size()));
                at += p.events.size();
            }
        } catch (RuntimeException e) {
            for (Pending p : batch) {
                p.failure = e;
            }
        }
        for (Pending p : batch) {
            p.done = true;
            LockSupport.unpark(p.caller);
        }
    }

    /** One caller's events; the writer sets records or failure before done, which publishes them. */
    private static final class Pending {
        final List<AuditEvent> events;
        final Thread caller;
        List<AuditRecord> records;
        RuntimeException failure;
        volatile boolean done;

        Pending(List<AuditEvent> events, Thread caller) {
            this.events = events;
            this.caller = caller;
        }
    }
}
