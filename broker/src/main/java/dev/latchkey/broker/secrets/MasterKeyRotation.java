package dev.latchkey.broker.secrets;

import dev.latchkey.broker.policy.ScopeId;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Moves the vault from one master key to another: every secret's data key and the key check are
 * unwrapped with the old key and wrapped with the new one. Values themselves stay as they are
 * (they are sealed by their data keys), so a rotation touches one row per secret, not per version.
 */
public final class MasterKeyRotation {

    private MasterKeyRotation() {
    }

    /**
     * Re-wraps on {@code c}, inside the caller's transaction.
     *
     * @return how many data keys it re-wrapped
     * @throws MasterKeyMismatchException when {@code from} is not the key the vault is sealed with
     */
    public static int reseal(Connection c, MasterKey from, MasterKey to) throws SQLException, GeneralSecurityException {
        String check = KeyCheck.read(c).orElse(null);
        if (check != null) {
            try {
                from.unwrap(check, KeyCheck.KEY);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new MasterKeyMismatchException("the current master key given (fingerprint " + from.fingerprint()
                        + ") is not the key this database is sealed with; nothing was changed");
            }
            try (PreparedStatement up = c.prepareStatement("UPDATE broker_meta SET meta_value = ? WHERE meta_key = ?")) {
                up.setString(1, to.wrap(new byte[32], KeyCheck.KEY));
                up.setString(2, KeyCheck.KEY);
                up.executeUpdate();
            }
        }
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT team, env, name, wrapped_key FROM secrets");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)});
            }
        }
        for (String[] row : rows) {
            String context = SecretVault.keyContext(new ScopeId(row[0], row[1]), row[2]);
            byte[] raw = from.unwrap(row[3], context);
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE secrets SET wrapped_key = ? WHERE team = ? AND env = ? AND name = ?")) {
                up.setString(1, to.wrap(raw, context));
                up.setString(2, row[0]);
                up.setString(3, row[1]);
                up.setString(4, row[2]);
                up.executeUpdate();
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        }
        return rows.size();
    }
}
