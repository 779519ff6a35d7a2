package dev.latchkey.core.launch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Watches the earliest end among a launch's credentials and says when to warn: at 15, 5 and
 * 1 minute before, then once when it has ended. Pure: the caller brings the time, so tests
 * drive it with any clock and no sleeping.
 */
public final class ExpiryWatch {

    /** How long before the end a warning is due. */
    public static final List<Duration> THRESHOLDS = List.of(Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofMinutes(1));

    /** Something injected that stops working at {@code end}: a grant, a sandbox token. */
    public record Deadline(String label, Instant end) {
        public Deadline {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(end, "end");
        }
    }

    /** What is due now. */
    public sealed interface Event {
        /** {@code label} ends in {@code left}. */
        record Warning(Deadline deadline, Duration left) implements Event {
        }

        /** {@code label} has ended. */
        record Ended(Deadline deadline) implements Event {
        }
    }

    private final Optional<Deadline> earliest;
    private int nextThreshold;
    private boolean ended;
    private boolean started;

    public ExpiryWatch(List<Deadline> deadlines) {
        this.earliest = deadlines.stream().min(Comparator.comparing(Deadline::end));
    }

    /** The credential that ends first, if any ends at all. */
    public Optional<Deadline> earliest() {
        return earliest;
    }

    /**
     * The events due at {@code now}, each at most once. When several thresholds passed since the
     * last call (or before the first), one warning with the real time left stands for all of them.
     */
    public List<Event> advance(Instant now) {
        List<Event> due = new ArrayList<>();
        if (earliest.isEmpty() || ended) {
            return due;
        }
        Deadline d = earliest.get();
        Duration left = Duration.between(now, d.end());
        if (!left.isPositive()) {
            ended = true;
            due.add(new Event.Ended(d));
            return due;
        }
        boolean passed = false;
        while (nextThreshold < THRESHOLDS.size() && left.compareTo(THRESHOLDS.get(nextThreshold)) <= 0) {
            nextThreshold++;
            passed = true;
        }
        // A launch that starts with 40 minutes left says nothing yet; one that starts with 3 says so at once.
        if (passed && (started || left.compareTo(THRESHOLDS.getFirst()) <= 0)) {
            due.add(new Event.Warning(d, left));
        }
        started = true;
        return due;
    }
}
