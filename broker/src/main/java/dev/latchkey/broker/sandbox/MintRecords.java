package dev.latchkey.broker.sandbox;

import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.policy.SandboxPolicy;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The minted sandbox tokens in the broker's database (table {@code sandbox_tokens}): who minted
 * each, with which groups and for which sandbox, so introspection can re-check that access later.
 * The token itself is never stored.
 */
final class MintRecords {

    private final Database db;

    MintRecords(Database db) {
        this.db = db;
    }

    /** What the broker kept of a minted token: enough to re-check its owner's access, never the token. */
    record Recorded(String jti, String subject, String username, Set<String> groups, String clientId,
            String scope, String sandbox) {
    }

    /** Records a token just minted, by its id. */
    void add(Caller caller, SandboxPolicy sandbox, Instant iat, Instant exp, String jti) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO sandbox_tokens (jti, subject, username, groups_csv,"
                     + " client_id, team, env, sandbox, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, jti);
            s.setString(2, caller.subject());
            s.setString(3, caller.username());
            s.setString(4, String.join("\n", caller.groups()));
            s.setString(5, caller.clientId());
            s.setString(6, sandbox.scope().team());
            s.setString(7, sandbox.scope().env());
            s.setString(8, sandbox.name());
            s.setLong(9, iat.toEpochMilli());
            s.setLong(10, exp.toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record a minted sandbox token", e);
        }
    }

    /** The record of the token {@code jti}; empty for an id this broker never minted. */
    Optional<Recorded> find(String jti) {
        if (jti == null) {
            return Optional.empty();
        }
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT subject, username, groups_csv, client_id, team, env,"
                     + " sandbox FROM sandbox_tokens WHERE jti = ?")) {
            s.setString(1, jti);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Set<String> groups = new LinkedHashSet<>(Arrays.asList(r.getString(3).split("\n")));
                groups.remove("");
                return Optional.of(new Recorded(jti, r.getString(1), r.getString(2), groups, r.getString(4),
                        r.getString(5) + "/" + r.getString(6), r.getString(7)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read a minted sandbox token's record", e);
        }
    }

    /** How many sandbox tokens were ever minted. */
    long count() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM sandbox_tokens");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot count sandbox tokens", e);
        }
    }
}
