package dev.latchkey.broker.replicas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the replicas' shared database holds, read directly with SQL: the truth a test compares
 * what clients were told and heard against.
 */
final class Ledger {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request row. */
    record Request(String id, String requester, String state, String grantId) {
    }

    /** A grant row. */
    record Grant(String id, String grantee, Instant endsAt, boolean revoked, int startPublished, int endPublished) {
    }

    /** An event row. */
    record Event(long id, String type, String subject, JsonNode data) {
    }

    private final String url;

    Ledger(String url) {
        this.url = url;
    }

    /** The audit actions on {@code target}, in order. */
    List<String> actions(String target) throws SQLException {
        List<String> out = new ArrayList<>();
        query("SELECT action FROM audit_log WHERE target = ? ORDER BY seq", r -> out.add(r.getString(1)), target);
        return out;
    }

    /** Requests filed by users whose name starts with {@code prefix}. */
    List<Request> requests(String prefix) throws SQLException {
        List<Request> out = new ArrayList<>();
        query("SELECT id, requester, state, grant_id FROM access_requests WHERE requester_name LIKE ? ORDER BY seq",
                r -> out.add(new Request(r.getString(1), r.getString(2), r.getString(3), r.getString(4))),
                prefix + "%");
        return out;
    }

    /** Grants of users whose name starts with {@code prefix}. */
    List<Grant> grants(String prefix) throws SQLException {
        List<Grant> out = new ArrayList<>();
        query("SELECT id, grantee, ends_at, revoked_at, start_published, end_published FROM grants"
                + " WHERE grantee_name LIKE ?", r -> {
                    String id = r.getString(1);
                    String grantee = r.getString(2);
                    Instant ends = Instant.ofEpochMilli(r.getLong(3));
                    r.getLong(4);
                    boolean revoked = !r.wasNull();
                    out.add(new Grant(id, grantee, ends, revoked, r.getInt(5), r.getInt(6)));
                }, prefix + "%");
        return out;
    }

    /** Every event in the journal, in id order. */
    List<Event> events() throws SQLException {
        List<Event> out = new ArrayList<>();
        query("SELECT id, event_type, subject, data_json FROM events ORDER BY id", r -> {
            try {
                out.add(new Event(r.getLong(1), r.getString(2), r.getString(3), JSON.readTree(r.getString(4))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return out;
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet r) throws SQLException;
    }

    private void query(String sql, Row row, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    row.read(r);
                }
            }
        }
    }
}
