package dev.latchkey.broker.exposures;

import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The leak guard's reports: counts by secret, kind and source. A secret is due for rotation
 * when it was reported exposed after its current version was stored.
 */
public final class ExposureStore {

    /** One reported count. */
    public record Report(ScopeId scope, String name, String kind, int found, String source) {
    }

    /** A secret exposed since its current version was stored. */
    public record Due(ScopeId scope, String name, Instant exposedAt, long reports) {
    }

    private final Database db;
    private final Clock clock;

    public ExposureStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void add(String reporter, List<Report> reports) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("INSERT INTO exposures"
                + " (team, env, name, kind, found, source, reporter, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            long now = clock.millis();
            for (Report r : reports) {
                s.setString(1, r.scope().team());
                s.setString(2, r.scope().env());
                s.setString(3, r.name());
                s.setString(4, r.kind());
                s.setInt(5, r.found());
                s.setString(6, r.source());
                s.setString(7, reporter);
                s.setLong(8, now);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("cannot record exposures: " + e.getMessage(), e);
        }
    }

    /** Reports of {@code kind} by scope ({@code team/env}), in scope order. */
    public Map<String, Long> byScope(String kind) {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT team, env, COUNT(*) FROM exposures WHERE kind = ? GROUP BY team, env")) {
            s.setString(1, kind);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1) + "/" + r.getString(2), r.getLong(3));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read exposures: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Secrets reported exposed after their current version was stored (or never stored since),
     * newest exposure first.
     */
    public List<Due> dueForRotation() {
        List<Due> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT e.team, e.env, e.name, MAX(e.reported_at), COUNT(*) FROM exposures e"
                        + " LEFT JOIN secret_versions v ON v.team = e.team AND v.env = e.env AND v.name = e.name"
                        + " AND v.created_at > e.reported_at"
                        + " WHERE e.kind = 'exposed' AND v.name IS NULL"
                        + " GROUP BY e.team, e.env, e.name ORDER BY MAX(e.reported_at) DESC")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Due(new ScopeId(r.getString(1), r.getString(2)), r.getString(3),
                            Instant.ofEpochMilli(r.getLong(4)), r.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read exposures: " + e.getMessage(), e);
        }
        return out;
    }
}
