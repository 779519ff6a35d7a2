package dev.latchkey.broker.grants;

import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import dev.latchkey.broker.store.Transaction;
import dev.latchkey.broker.store.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Grants in the broker's database (table {@code grants}). Writes that change a grant are single
 * conditional UPDATEs, so two replicas or two threads can never both revoke a grant or both
 * announce its start.
 */
public final class GrantStore {

    private static final String COLUMNS = "id, request_id, grantee, grantee_name, scope, secret_names, starts_at,"
            + " ends_at, revoked_by, revoked_by_sub, revoked_at, revoke_reason";
    /** The most rows one sweep step reads; the next sweep takes the rest. */
    private static final int SWEEP_BATCH = 500;

    private final Database db;

    public GrantStore(Database db) {
        this.db = db;
    }

    /** A lifecycle announcement, each made once per grant. */
    public enum Flag {
        START("start_published"), WARNING("warning_published"), END("end_published");

        private final String column;

        Flag(String column) {
            this.column = column;
        }
    }

    /** Inserts {@code grant} on {@code c}, inside the caller's transaction (the approval that makes it). */
    public void insert(Connection c, Grant grant) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO grants (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, grant.id());
            s.setString(2, grant.requestId());
            s.setString(3, grant.grantee());
            s.setString(4, grant.granteeName());
            s.setString(5, grant.scope().toString());
            s.setString(6, String.join(",", grant.secrets()));
            s.setLong(7, grant.startsAt().toEpochMilli());
            s.setLong(8, grant.endsAt().toEpochMilli());
            s.setNull(9, Types.VARCHAR);
            s.setNull(10, Types.VARCHAR);
            s.setNull(11, Types.BIGINT);
            s.setNull(12, Types.VARCHAR);
            s.executeUpdate();
        }
    }

    public Optional<Grant> find(String id) {
        List<Grant> found = query("SELECT " + COLUMNS + " FROM grants WHERE id = ?", id);
        return found.stream().findFirst();
    }

    /** Finds a grant on {@code c}, inside the caller's transaction. */
    public Optional<Grant> find(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM grants WHERE id = ?")) {
            s.setString(1, id);
            return read(s).stream().findFirst();
        }
    }

    /** A person's grants, latest end first: those not yet over at {@code now}, or all of them. */
    public List<Grant> forGrantee(String subject, boolean all, Instant now) {
        if (all) {
            return query("SELECT " + COLUMNS + " FROM grants WHERE grantee = ? ORDER BY ends_at DESC, id", subject);
        }
        return query("SELECT " + COLUMNS + " FROM grants WHERE grantee = ? AND revoked_at IS NULL AND ends_at > ?"
                + " ORDER BY ends_at DESC, id", subject, now.toEpochMilli());
    }

    /** A person's unrevoked grants for {@code scope} that are not over at {@code now}, earliest start first. */
    public List<Grant> live(String subject, ScopeId scope, Instant now) {
        return query("SELECT " + COLUMNS + " FROM grants WHERE grantee = ? AND scope = ? AND revoked_at IS NULL"
                + " AND ends_at > ? ORDER BY starts_at, id", subject, scope.toString(), now.toEpochMilli());
    }

    /**
     * Revokes a grant that is neither revoked nor over, on {@code c} inside the caller's
     * transaction; marks the revocation as announced, since the caller announces it.
     *
     * @return false when another call revoked it first, or it had ended
     */
    public boolean revoke(Connection c, String id, Grant.Revocation revocation) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE grants SET revoked_by = ?, revoked_by_sub = ?,"
                + " revoked_at = ?, revoke_reason = ?, revoke_published = 1"
                + " WHERE id = ? AND revoked_at IS NULL AND ends_at > ?")) {
            s.setString(1, revocation.by());
            s.setString(2, revocation.bySubject());
            s.setLong(3, revocation.at().toEpochMilli());
            s.setString(4, revocation.reason().orElse(null));
            s.setString(5, id);
            s.setLong(6, revocation.at().toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Unrevoked grants that have begun by {@code now} and whose start is not yet recorded (0; a 1
     * is a claim that an older broker made and never finished, and is taken again).
     */
    public List<Grant> startedUnannounced(Instant now) {
        return batch("SELECT " + COLUMNS + " FROM grants WHERE start_published <> 2 AND revoked_at IS NULL"
                + " AND starts_at <= ? ORDER BY starts_at", now.toEpochMilli());
    }

    /**
     * Unrevoked grants that end within {@code lead} after {@code now}, whose start is recorded and
     * that have not been warned about.
     */
    public List<Grant> endingUnwarned(Instant now, Duration lead) {
        return batch("SELECT " + COLUMNS + " FROM grants WHERE warning_published = 0 AND revoked_at IS NULL"
                + " AND start_published = 2 AND ends_at > ? AND ends_at <= ? ORDER BY ends_at",
                now.toEpochMilli(), now.plus(lead).toEpochMilli());
    }

    /**
     * Unrevoked grants over by {@code now} whose start is recorded and whose end is not yet
     * announced: an end is never recorded before its start.
     */
    public List<Grant> endedUnannounced(Instant now) {
        return batch("SELECT " + COLUMNS + " FROM grants WHERE end_published = 0 AND revoked_at IS NULL"
                + " AND start_published = 2 AND ends_at <= ? ORDER BY ends_at", now.toEpochMilli());
    }

    /** What one announcement writes besides its flag: audit rows and events, in the same transaction. */
    @FunctionalInterface
    public interface Announcement {
        void write(Transaction tx) throws SQLException;
    }

    /**
     * Makes one announcement about a grant, once: in one transaction, a conditional UPDATE takes
     * the flag and {@code announcement} writes what it says. Of any number of sweeps (threads or
     * replicas) exactly one commits it; a broker killed half-way leaves the flag untaken, and the
     * next sweep anywhere makes the announcement.
     *
     * @return true for the one caller that made it
     */
    public boolean announce(String id, Flag flag, Announcement announcement) {
        return Transactions.run(db, "announce a grant's " + flag.name().toLowerCase(Locale.ROOT), tx -> {
            String taken = flag == Flag.START ? "2 WHERE id = ? AND start_published <> 2"
                    : "1 WHERE id = ? AND " + flag.column + " = 0";
            try (PreparedStatement s = tx.connection().prepareStatement(
                    "UPDATE grants SET " + flag.column + " = " + taken)) {
                s.setString(1, id);
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            announcement.write(tx);
            return true;
        });
    }

    /** Grants whose window holds {@code now}, unrevoked: for metrics. */
    public long countActive(Instant now) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM grants WHERE revoked_at IS NULL"
                     + " AND starts_at <= ? AND ends_at > ?")) {
            s.setLong(1, now.toEpochMilli());
            s.setLong(2, now.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count grants: " + e.getMessage(), e);
        }
    }

    private List<Grant> batch(String sql, Object... args) {
        return query(sql, SWEEP_BATCH, args);
    }

    private List<Grant> query(String sql, Object... args) {
        return query(sql, 0, args);
    }

    private List<Grant> query(String sql, int maxRows, Object... args) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.setMaxRows(maxRows);
            return read(s);
        } catch (SQLException e) {
            throw new StoreException("cannot read grants: " + e.getMessage(), e);
        }
    }

    private static List<Grant> read(PreparedStatement s) throws SQLException {
        List<Grant> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long revokedAt = r.getLong(11);
                Optional<Grant.Revocation> revoked = r.wasNull() ? Optional.empty()
                        : Optional.of(new Grant.Revocation(r.getString(9), r.getString(10),
                                Instant.ofEpochMilli(revokedAt), Optional.ofNullable(r.getString(12))));
                out.add(new Grant(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        ScopeId.parse(r.getString(5)).orElseThrow(), names(r.getString(6)),
                        Instant.ofEpochMilli(r.getLong(7)), Instant.ofEpochMilli(r.getLong(8)), revoked));
            }
        }
        return out;
    }

    /** A comma-separated list of names; empty text is the empty list. */
    public static List<String> names(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }
}
