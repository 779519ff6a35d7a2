package dev.latchkey.broker.metrics;

import dev.latchkey.broker.exposures.ExposureStore;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads {@link BrokerMetrics} from the broker's tables at the clock's now: access requests and
 * grants (migration V2), and the audit log for mints and introspections (append-only, so those
 * counts only grow, as Prometheus counters must).
 */
public final class MetricsReader {

    /** Every request state, in the order the API lists them. */
    public static final List<String> STATES = List.of("pending", "approved", "denied", "cancelled", "expired",
            "revoked");

    // A reviewer decided these; 'policy:<rule>' marks an auto-approval.
    private static final String REVIEWER_DECIDED = "state IN ('approved', 'denied', 'revoked')"
            + " AND decided_at IS NOT NULL AND decided_by NOT LIKE 'policy:%'";

    private final Database db;
    private final Clock clock;
    private final ExposureStore exposures;

    public MetricsReader(Database db, Clock clock, ExposureStore exposures) {
        this.db = db;
        this.clock = clock;
        this.exposures = exposures;
    }

    public MetricsReader(Database db, Clock clock) {
        this(db, clock, new ExposureStore(db, clock));
    }

    /** The numbers now. */
    public BrokerMetrics read() {
        long now = clock.millis();
        try (Connection c = db.connection()) {
            Map<String, Long> requests = new LinkedHashMap<>();
            STATES.forEach(s -> requests.put(s, 0L));
            try (PreparedStatement s = c.prepareStatement("SELECT state, COUNT(*) FROM access_requests GROUP BY state");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    requests.put(r.getString(1), r.getLong(2));
                }
            }
            long autoApproved = count(c, "SELECT COUNT(*) FROM access_requests WHERE decided_by LIKE 'policy:%'");
            List<Double> times = new ArrayList<>();
            long withinSla = 0;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT decided_at - created_at, review_sla_s FROM access_requests WHERE " + REVIEWER_DECIDED);
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long tookMs = r.getLong(1);
                    times.add(tookMs / 1000.0);
                    if (tookMs <= r.getLong(2) * 1000) {
                        withinSla++;
                    }
                }
            }
            // A request that expired undecided missed its SLA: it belongs in the denominator.
            long expired = requests.getOrDefault("expired", 0L);
            long judged = times.size() + expired;
            OptionalDouble slaShare = judged == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) withinSla / judged);
            long activeGrants;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM grants"
                    + " WHERE starts_at <= ? AND ends_at > ? AND revoked_at IS NULL")) {
                s.setLong(1, now);
                s.setLong(2, now);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    activeGrants = r.getLong(1);
                }
            }
            long minted = count(c, "SELECT COUNT(*) FROM audit_log WHERE action = 'sandbox.mint' AND outcome = 'ok'");
            long introspections = count(c, "SELECT COUNT(*) FROM audit_log WHERE action = 'token.introspect'");
            return new BrokerMetrics(requests, autoApproved,
                    BrokerMetrics.DecisionTimes.of(times.stream().mapToDouble(Double::doubleValue).toArray()),
                    slaShare, activeGrants, minted, introspections, exposures.byScope("prevented"),
                    exposures.byScope("exposed"));
        } catch (SQLException e) {
            throw new StoreException("cannot read the broker's metrics: " + e.getMessage(), e);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
