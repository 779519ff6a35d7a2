package dev.latchkey.broker.requests;

import dev.latchkey.broker.grants.GrantStore;
import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Access requests in the broker's database (table {@code access_requests}). Every change of
 * state is one conditional UPDATE that names the state it leaves, so of any number of callers
 * deciding the same request at once exactly one changes it and the rest see zero rows updated.
 */
final class RequestStore {

    private static final String COLUMNS = "id, requester, requester_name, scope, secret_names, justification,"
            + " duration_s, start_at, created_at, expires_at, review_sla_s, reviewers, state, decided_by, decided_at,"
            + " reason, extends_grant, grant_id, requester_display";
    private static final int MAX_LIST = 200;
    private static final int SWEEP_BATCH = 500;

    private final Database db;

    RequestStore(Database db) {
        this.db = db;
    }

    /**
     * A change from one state to another.
     *
     * @param to the new state
     * @param by who decided ({@code decided_by}); may be null
     * @param bySubject their subject, for the audit log; may be null
     * @param at when
     * @param reason why; may be null
     * @param grantId the grant an approval makes; may be null
     */
    record Transition(RequestState to, String by, String bySubject, Instant at, String reason, String grantId) {
    }

    void insert(Connection c, AccessRequest r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO access_requests (id, requester, requester_name,"
                + " scope, secret_names, justification, duration_s, start_at, created_at, expires_at, review_sla_s,"
                + " reviewers, state, extends_grant, requester_display) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.id());
            s.setString(2, r.requester());
            s.setString(3, r.requesterName());
            s.setString(4, r.scope().toString());
            s.setString(5, String.join(",", r.secrets()));
            s.setString(6, r.justification());
            s.setLong(7, r.duration().toSeconds());
            if (r.startAt().isPresent()) {
                s.setLong(8, r.startAt().get().toEpochMilli());
            } else {
                s.setNull(8, Types.BIGINT);
            }
            s.setLong(9, r.createdAt().toEpochMilli());
            s.setLong(10, r.expiresAt().toEpochMilli());
            s.setLong(11, r.reviewSla().toSeconds());
            s.setString(12, String.join(",", r.reviewers()));
            s.setString(13, r.state().word());
            s.setString(14, r.extendsGrant().orElse(null));
            s.setString(15, r.requesterDisplayName());
            s.executeUpdate();
        }
    }

    /**
     * Moves a pending request that has not lapsed by {@code t.at()} to {@code t.to()}.
     *
     * @return false when it was not pending any more (another caller won) or had lapsed
     */
    boolean decide(Connection c, String id, Transition t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE access_requests SET state = ?, decided_by = ?,"
                + " decided_by_sub = ?, decided_at = ?, reason = ?, grant_id = ?"
                + " WHERE id = ? AND state = 'pending' AND expires_at > ?")) {
            bind(s, t);
            s.setString(7, id);
            s.setLong(8, t.at().toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Expires a pending request whose time ran out by {@code at}, on {@code c} inside the caller's
     * transaction; false when it was decided first.
     */
    boolean expire(Connection c, String id, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE access_requests SET state = 'expired',"
                + " decided_at = expires_at WHERE id = ? AND state = 'pending' AND expires_at <= ?")) {
            s.setString(1, id);
            s.setLong(2, at.toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    /** Marks the approved request behind a grant revoked, inside the revocation's transaction. */
    boolean revoke(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE access_requests SET state = 'revoked' WHERE id = ? AND state = 'approved'")) {
            s.setString(1, id);
            return s.executeUpdate() == 1;
        }
    }

    Optional<AccessRequest> find(String id) {
        return query("SELECT " + COLUMNS + " FROM access_requests WHERE id = ?", 1, id).stream().findFirst();
    }

    /** A request as the caller's transaction on {@code c} sees it (its own change included). */
    AccessRequest find(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM access_requests WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("access request " + id + " is missing inside its own transaction");
                }
                return row(r);
            }
        }
    }

    /** A person's requests, newest first. */
    List<AccessRequest> byRequester(String subject) {
        return query("SELECT " + COLUMNS + " FROM access_requests WHERE requester = ? ORDER BY seq DESC",
                MAX_LIST, subject);
    }

    /** Pending requests not filed by {@code subject}, newest first. */
    List<AccessRequest> pendingNotBy(String subject) {
        return query("SELECT " + COLUMNS + " FROM access_requests WHERE state = 'pending' AND requester <> ?"
                + " ORDER BY seq DESC", 0, subject);
    }

    /** Pending requests whose time ran out by {@code now}. */
    List<AccessRequest> lapsed(Instant now) {
        return query("SELECT " + COLUMNS + " FROM access_requests WHERE state = 'pending' AND expires_at <= ?"
                + " ORDER BY expires_at", SWEEP_BATCH, now.toEpochMilli());
    }

    private static void bind(PreparedStatement s, Transition t) throws SQLException {
        s.setString(1, t.to().word());
        s.setString(2, t.by());
        s.setString(3, t.bySubject());
        s.setLong(4, t.at().toEpochMilli());
        s.setString(5, t.reason());
        s.setString(6, t.grantId());
    }

    private List<AccessRequest> query(String sql, int maxRows, Object... args) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.setMaxRows(maxRows);
            List<AccessRequest> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read access requests: " + e.getMessage(), e);
        }
    }

    private static AccessRequest row(ResultSet r) throws SQLException {
        long startAt = r.getLong(8);
        Optional<Instant> start = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(startAt));
        long decidedAt = r.getLong(15);
        Optional<Instant> decided = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(decidedAt));
        return new AccessRequest(r.getString(1), r.getString(2), r.getString(3), r.getString(19),
                ScopeId.parse(r.getString(4)).orElseThrow(), GrantStore.names(r.getString(5)), r.getString(6),
                Duration.ofSeconds(r.getLong(7)), start, Instant.ofEpochMilli(r.getLong(9)),
                Instant.ofEpochMilli(r.getLong(10)), Duration.ofSeconds(r.getLong(11)),
                GrantStore.names(r.getString(12)), RequestState.of(r.getString(13)),
                Optional.ofNullable(r.getString(14)), decided, Optional.ofNullable(r.getString(16)),
                Optional.ofNullable(r.getString(17)), Optional.ofNullable(r.getString(18)), Optional.empty());
    }
}
