package dev.latchkey.broker.events;

import dev.latchkey.broker.identity.Caller;
import java.time.Duration;
import java.util.List;

/**
 * One reader's position in the journal: an SSE stream or a long poll. Not thread-safe; each
 * stream owns its feed.
 */
public final class EventFeed {

    /** The most events one {@link #next} returns; a reader far behind catches up in batches. */
    public static final int BATCH = 100;

    private final JdbcEventJournal journal;
    private final Caller reader;
    private long cursor;

    EventFeed(JdbcEventJournal journal, Caller reader, long cursor) {
        this.journal = journal;
        this.reader = reader;
        this.cursor = cursor;
    }

    /** Whether the journal has closed (the broker is stopping): {@link #next} returns at once then. */
    public boolean closed() {
        return journal.bell().closed();
    }

    /** The id of the last event this feed returned (or where it started). */
    public long cursor() {
        return cursor;
    }

    /**
     * The reader's events after the cursor, waiting up to {@code maxWait} for the first one.
     * Waiting costs no database query: the feed reads again only when the journal's bell says
     * something new was recorded.
     *
     * @return the events, oldest first; empty when none came in time or the journal closed
     */
    public List<JournalEvent> next(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        EventBell bell = journal.bell();
        long seen = bell.head();
        List<JournalEvent> batch = journal.after(reader, cursor, BATCH);
        while (batch.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || bell.closed()) {
                return List.of();
            }
            long head = bell.await(seen, left);
            if (head > seen) {
                seen = head;
                batch = journal.after(reader, cursor, BATCH);
            }
        }
        cursor = batch.getLast().id();
        return batch;
    }
}
