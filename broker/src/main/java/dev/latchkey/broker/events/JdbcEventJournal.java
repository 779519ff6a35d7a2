package dev.latchkey.broker.events;

import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import dev.latchkey.broker.store.Transaction;
import dev.latchkey.broker.store.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event journal in the broker's database (tables {@code events}, {@code event_groups},
 * {@code event_head}; migration V3).
 *
 * <p>Ids come from a head row locked while an event is appended, so they are committed in
 * order and a reader resuming after id N misses nothing. An event is written in the transaction
 * of the change it tells of ({@link #publish(Transaction, Audience, String, Map)}), so there is
 * never a change without its event, nor an event without its change. History is bounded: events older than
 * {@link #RETENTION} are deleted (checked hourly), so a client away for longer than that
 * resumes with what is left.
 *
 * <p>Live readers wait on a bell instead of polling the database: {@link #publish} rings it
 * after its commit. Broker replicas sharing one PostgreSQL database do not hear each other's
 * publishes, so a background poll reads the head row every {@link #BACKSTOP_POLL} and rings
 * for what others wrote; that poll is one tiny query per broker, however many streams are open.
 */
public final class JdbcEventJournal implements EventJournal, AutoCloseable {

    /** How long events are kept. */
    public static final Duration RETENTION = Duration.ofDays(7);
    /** How often the journal looks for events written by other broker replicas. */
    public static final Duration BACKSTOP_POLL = Duration.ofSeconds(2);

    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventJournal.class);

    private final Database db;
    private final Clock clock;
    private final EventBell bell;
    private final Thread poller;
    private volatile Instant lastPrune = Instant.EPOCH;

    private JdbcEventJournal(Database db, Clock clock, Duration poll) {
        this.db = db;
        this.clock = clock;
        this.bell = new EventBell(storedHead());
        this.poller = Thread.ofPlatform().daemon().name("latchkey-event-poll").unstarted(() -> pollUntilClosed(poll));
    }

    /** Opens the journal over {@code db} and starts its backstop poll; {@link #close()} stops it. */
    public static JdbcEventJournal open(Database db, Clock clock) {
        return open(db, clock, BACKSTOP_POLL);
    }

    /** As {@link #open(Database, Clock)}, polling for other replicas' events every {@code poll}. */
    public static JdbcEventJournal open(Database db, Clock clock, Duration poll) {
        JdbcEventJournal journal = new JdbcEventJournal(db, clock, poll);
        journal.poller.start();
        return journal;
    }

    @Override
    public void publish(Audience audience, String type, Map<String, Object> data) {
        Transactions.run(db, "record a " + type + " event", tx -> {
            publish(tx, audience, type, data);
            return true;
        });
    }

    @Override
    public void publish(Transaction tx, Audience audience, String type, Map<String, Object> data)
            throws SQLException {
        if (!EventTypes.all().contains(type)) {
            throw new IllegalArgumentException("'" + type + "' is not a documented event type " + EventTypes.all());
        }
        Instant at = Instant.ofEpochMilli(clock.millis());
        String text = EventData.json(type, data, at);
        Connection c = tx.connection();
        long id = nextId(c);
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO events"
                + " (id, at_ms, event_type, subject, except_subject, data_json) VALUES (?, ?, ?, ?, ?, ?)")) {
            ins.setLong(1, id);
            ins.setLong(2, at.toEpochMilli());
            ins.setString(3, type);
            switch (audience) {
                case Audience.Subject s -> {
                    ins.setString(4, s.subject());
                    ins.setString(5, null);
                }
                case Audience.Groups g -> {
                    ins.setString(4, null);
                    ins.setString(5, g.except());
                }
            }
            ins.setString(6, text);
            ins.executeUpdate();
        }
        if (audience instanceof Audience.Groups g && !g.groups().isEmpty()) {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO event_groups (event_id, group_name) VALUES (?, ?)")) {
                for (String group : new TreeSet<>(g.groups())) {
                    ins.setLong(1, id);
                    ins.setString(2, group);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE event_head SET last_id = ? WHERE id = 1")) {
            up.setLong(1, id);
            up.executeUpdate();
        }
        tx.afterCommit(() -> bell.ring(id));
    }

    /**
     * Up to {@code limit} events after {@code afterId} addressed to {@code reader}, oldest first:
     * those for their subject, and those for any of their groups unless they are the one left out.
     */
    public List<JournalEvent> after(Caller reader, long afterId, int limit) {
        List<String> groups = List.copyOf(new TreeSet<>(reader.groups()));
        StringBuilder sql = new StringBuilder("SELECT e.id, e.at_ms, e.event_type, e.data_json FROM events e"
                + " WHERE e.id > ? AND (e.subject = ?");
        if (!groups.isEmpty()) {
            sql.append(" OR (e.subject IS NULL AND (e.except_subject IS NULL OR e.except_subject <> ?)"
                    + " AND EXISTS (SELECT 1 FROM event_groups g WHERE g.event_id = e.id AND g.group_name IN (")
                    .append(String.join(", ", Collections.nCopies(groups.size(), "?"))).append(")))");
        }
        sql.append(") ORDER BY e.id");
        List<JournalEvent> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            s.setLong(i++, afterId);
            s.setString(i++, reader.subject());
            if (!groups.isEmpty()) {
                s.setString(i++, reader.subject());
                for (String group : groups) {
                    s.setString(i++, group);
                }
            }
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new JournalEvent(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                            r.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the event journal: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * A reader's position in the journal.
     *
     * @param after the last event id the reader has seen ({@code Last-Event-ID}); empty means
     *     "from now on"
     */
    public EventFeed feed(Caller reader, OptionalLong after) {
        long head = storedHead();
        long cursor = after.orElse(head);
        if (cursor > head) {
            // An id this journal never handed out: the client read a journal that was since
            // reset (a dev broker restarted on a fresh in-memory database). Everything here is
            // newer than what it saw, so it gets all of it.
            cursor = 0;
        }
        return new EventFeed(this, reader, cursor);
    }

    /** The highest event id in the database. */
    public long storedHead() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT last_id FROM event_head WHERE id = 1");
             ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new StoreException("the event journal's head row is missing", null);
            }
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot read the event journal: " + e.getMessage(), e);
        }
    }

    /** Deletes events older than {@link #RETENTION} before the clock's now; returns how many. */
    public int prune() {
        long cutoff = clock.instant().minus(RETENTION).toEpochMilli();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement groups = c.prepareStatement(
                    "DELETE FROM event_groups WHERE event_id IN (SELECT id FROM events WHERE at_ms < ?)");
                 PreparedStatement events = c.prepareStatement("DELETE FROM events WHERE at_ms < ?")) {
                groups.setLong(1, cutoff);
                groups.executeUpdate();
                events.setLong(1, cutoff);
                int n = events.executeUpdate();
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                Transactions.rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot prune the event journal: " + e.getMessage(), e);
        }
    }

    EventBell bell() {
        return bell;
    }

    /** Stops the backstop poll and wakes every waiting reader, which then ends. */
    @Override
    public void close() {
        bell.close();
        poller.interrupt();
        try {
            poller.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long nextId(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_id FROM event_head WHERE id = 1 FOR UPDATE");
             ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new SQLException("the event journal's head row is missing");
            }
            return r.getLong(1) + 1;
        }
    }

    private void pollUntilClosed(Duration every) {
        while (!bell.closed()) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            try {
                bell.ring(storedHead());
                Instant now = clock.instant();
                if (!now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
                    lastPrune = now;
                    int pruned = prune();
                    if (pruned > 0) {
                        LOG.info("pruned {} events older than {}", pruned, RETENTION);
                    }
                }
            } catch (StoreException e) {
                if (!bell.closed()) {
                    LOG.warn("the event journal's poll failed (retrying): {}", e.getMessage());
                }
            }
        }
    }
}
