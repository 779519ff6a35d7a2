package dev.latchkey.broker.secrets;

import dev.latchkey.broker.store.Database;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The vault's key check: a value sealed with the master key when a database is first opened, so
 * a later open (or a rotation) with another key is refused before anything is read or written.
 */
final class KeyCheck {

    /** The check's row in {@code broker_meta}, and the context it is sealed under. */
    static final String KEY = "master-key-check";

    private KeyCheck() {
    }

    /**
     * Records the check for {@code masterKey} on a new database, or verifies the one recorded.
     *
     * @throws MasterKeyMismatchException when {@code masterKey} is not the key the check was sealed with
     */
    static void verify(Connection c, MasterKey masterKey) throws SQLException {
        Optional<String> check = read(c);
        if (check.isEmpty()) {
            try {
                record(c, masterKey.wrap(new byte[32], KEY));
            } catch (SQLException e) {
                // Replicas started together on a new database: another one recorded its check
                // first. The key must be the same as theirs, like any later start's.
                check = read(c);
                if (check.isEmpty() || !Database.isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
        if (check.isPresent()) {
            try {
                masterKey.unwrap(check.get(), KEY);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new MasterKeyMismatchException("the master key given (fingerprint " + masterKey.fingerprint()
                        + ") is not the key this database was sealed with; nothing was changed. Start the broker"
                        + " with the original master key (--master-key-file or LATCHKEY_MASTER_KEY).");
            }
        }
    }

    /** The sealed check, when the database has one. */
    static Optional<String> read(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT meta_value FROM broker_meta WHERE meta_key = ?")) {
            s.setString(1, KEY);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    private static void record(Connection c, String sealed) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO broker_meta (meta_key, meta_value) VALUES (?, ?)")) {
            s.setString(1, KEY);
            s.setString(2, sealed);
            s.executeUpdate();
        }
    }
}
