package dev.latchkey.broker.events;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes waiting readers when the journal grows, so live delivery needs no tight polling loop:
 * a publish in this process rings at once; the journal's slow poll rings for events other
 * broker replicas wrote to a shared database.
 */
final class EventBell {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition rung = lock.newCondition();
    private long head;
    private boolean closed;

    EventBell(long head) {
        this.head = head;
    }

    /** The highest event id this process knows of. */
    long head() {
        lock.lock();
        try {
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** Records that events up to {@code id} exist and wakes every waiting reader if that is news. */
    void ring(long id) {
        lock.lock();
        try {
            if (id > head) {
                head = id;
                rung.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the head passes {@code seen}, {@code nanos} have passed, or the bell closes.
     *
     * @return the head then
     */
    long await(long seen, long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (head <= seen && !closed && left > 0) {
                left = rung.awaitNanos(left);
            }
            return head;
        } finally {
            lock.unlock();
        }
    }

    boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every reader for good: the journal is closing. */
    void close() {
        lock.lock();
        try {
            closed = true;
            rung.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
