package dev.latchkey.broker.audit;

import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import dev.latchkey.broker.store.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The append-only audit log. Each row carries the hash of the row before it, so an edited or
 * deleted row breaks the chain from there on ({@link #verify()} finds where). Appends lock the
 * chain's head row, which keeps the chain linear across threads and broker replicas; appends
 * made at the same moment on their own share one transaction, so that lock is taken once per batch.
 */
public final class AuditLog {

    static final String GENESIS = "0".repeat(64);

    private final Database db;
    private final Clock clock;
    private final GroupCommit commits = new GroupCommit(this::write);

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Appends one event. */
    public AuditRecord append(AuditEvent event) {
        return appendAll(List.of(event)).getFirst();
    }

    /**
     * Appends events in order, in one transaction, and returns once they are committed. Appends
     * made at the same moment by other threads may share that transaction (see {@link GroupCommit}).
     */
    public List<AuditRecord> appendAll(List<AuditEvent> events) {
        return commits.append(events);
    }

    private List<AuditRecord> write(List<AuditEvent> events) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                List<AuditRecord> written = appendAll(c, events);
                c.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                Transactions.rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write the audit log: " + e.getMessage(), e);
        }
    }

    /**
     * Appends events in order on {@code c}, inside the caller's transaction: the rows commit with
     * the change they record, or not at all. The chain's head stays locked until that commit.
     */
    public List<AuditRecord> appendAll(Connection c, List<AuditEvent> events) throws SQLException {
        Instant at = Instant.ofEpochMilli(clock.millis());
        List<AuditRecord> written = new ArrayList<>(events.size());
        long seq;
        String prev;
        try (PreparedStatement s = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new SQLException("the audit head row is missing");
            }
            seq = r.getLong(1);
            prev = r.getString(2);
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO audit_log (seq, at_ms, actor, client, action, target, outcome, detail, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditEvent e : events) {
                seq++;
                AuditEvent clean = clip(e);
                String hash = hash(seq, at, clean, prev);
                ins.setLong(1, seq);
                ins.setLong(2, at.toEpochMilli());
                ins.setString(3, clean.actor());
                ins.setString(4, clean.client());
                ins.setString(5, clean.action());
                ins.setString(6, clean.target());
                ins.setString(7, clean.outcome());
                ins.setString(8, clean.detail());
                ins.setString(9, prev);
                ins.setString(10, hash);
                ins.addBatch();
                written.add(new AuditRecord(seq, at, clean, prev, hash));
                prev = hash;
            }
            ins.executeBatch();
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            up.setLong(1, seq);
            up.setString(2, prev);
            up.executeUpdate();
        }
        return written;
    }

    /** Up to {@code limit} rows after position {@code afterSeq}, oldest first. */
    public List<AuditRecord> after(long afterSeq, int limit) {
        List<AuditRecord> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT seq, at_ms, actor, client, action, target, outcome, detail, prev_hash, hash"
                             + " FROM audit_log WHERE seq > ? ORDER BY seq")) {
            s.setLong(1, afterSeq);
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new AuditRecord(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)),
                            new AuditEvent(r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                                    r.getString(7), r.getString(8)),
                            r.getString(9), r.getString(10)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit log: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Walks the whole chain.
     *
     * @return the position of the first row that does not fit the chain, or empty when all do
     */
    public Optional<Long> verify() {
        String prev = GENESIS;
        long expected = 1;
        long after = 0;
        while (true) {
            List<AuditRecord> page = after(after, 1_000);
            if (page.isEmpty()) {
                return Optional.empty();
            }
            for (AuditRecord row : page) {
                if (row.seq() != expected || !row.prevHash().equals(prev)
                        || !row.hash().equals(hash(row.seq(), row.at(), row.event(), row.prevHash()))) {
                    return Optional.of(expected);
                }
                prev = row.hash();
                expected++;
                after = row.seq();
            }
        }
    }

    static String hash(long seq, Instant at, AuditEvent e, String prev) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // Length-prefixed fields: no two different rows hash the same text.
            for (String field : List.of(Long.toString(seq), Long.toString(at.toEpochMilli()), e.actor(), e.client(),
                    e.action(), e.target(), e.outcome(), e.detail(), prev)) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                sha.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }

    private static AuditEvent clip(AuditEvent e) {
        return new AuditEvent(clip(e.actor(), 200), clip(e.client(), 200), clip(e.action(), 50),
                clip(e.target(), 500), clip(e.outcome(), 50), clip(e.detail(), 1000));
    }

    private static String clip(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() <= max ? v : v.substring(0, max);
    }
}
