package dev.latchkey.broker.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Appends from many threads written together. Each append queues its events and waits for the
 * writer's lock; whoever holds it writes everything queued so far in one transaction, so the
 * chain's head is locked (and a commit made) once per batch, not once per call. Every caller
 * returns only once its own events are committed, and each caller's events stay together and
 * in order.
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
        Pending mine = new Pending(events);
        queue.add(mine);
        writer.lock();
        try {
            while (!mine.done) {
                writeBatch();
            }
        } finally {
            writer.unlock();
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
                p.done = true;
            }
        } catch (RuntimeException e) {
            for (Pending p : batch) {
                p.failure = e;
                p.done = true;
            }
        }
    }

    /** One caller's events; its fields are written and read under the writer's lock. */
    private static final class Pending {
        final List<AuditEvent> events;
        List<AuditRecord> records;
        RuntimeException failure;
        boolean done;

        Pending(List<AuditEvent> events) {
            this.events = events;
        }
    }
}
