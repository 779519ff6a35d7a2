package dev.latchkey.broker.events;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts the open event connections (streams and long polls) per user, so one user's runaway
 * client cannot hold every connection the broker has.
 */
public final class StreamSlots {

    /** The default cap per user: many windows and tools, not an unbounded loop. */
    public static final int DEFAULT_PER_SUBJECT = 20;

    private final int perSubject;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public StreamSlots(int perSubject) {
        if (perSubject < 1) {
            throw new IllegalArgumentException("perSubject must be at least 1");
        }
        this.perSubject = perSubject;
    }

    /** The cap per user. */
    public int perSubject() {
        return perSubject;
    }

    /** A slot for {@code subject}, or empty when they hold {@link #perSubject()} already. */
    public Optional<Slot> take(String subject) {
        boolean[] taken = {false};
        open.compute(subject, (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= perSubject) {
                return count;
            }
            taken[0] = true;
            return count + 1;
        });
        return taken[0] ? Optional.of(new Slot(subject)) : Optional.empty();
    }

    /** How many slots {@code subject} holds now. */
    public int open(String subject) {
        return open.getOrDefault(subject, 0);
    }

    /** A held slot; closing it (once or many times) frees it. */
    public final class Slot implements AutoCloseable {

        private final String subject;
        private final AtomicBoolean freed = new AtomicBoolean();

        private Slot(String subject) {
            this.subject = subject;
        }

        @Override
        public void close() {
            if (freed.compareAndSet(false, true)) {
                open.computeIfPresent(subject, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}
