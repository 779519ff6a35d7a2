package dev.latchkey.broker.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.latchkey.broker.secrets.MasterKey;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import dev.latchkey.broker.store.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The broker's keys for signing sandbox tokens (ES256). The private key is kept in the database
 * sealed by the master key, so tokens minted before a restart still verify after it, and every
 * replica sharing the database signs with the same key.
 */
public final class SigningKeys {

    private final List<ECKey> keys;

    private SigningKeys(List<ECKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Loads the keys from {@code db}, making the first one when there is none. */
    public static SigningKeys open(Database db, MasterKey masterKey, Clock clock) {
        List<ECKey> loaded = load(db, masterKey);
        if (loaded.isEmpty()) {
            insertFirst(db, masterKey, clock, generate());
            loaded = load(db, masterKey);
            if (loaded.isEmpty()) {
                throw new StoreException("the database records that its first signing key was made, but holds"
                        + " none; restore the signing_keys table from a backup", null);
            }
        }
        return new SigningKeys(loaded);
    }

    /** The key new tokens are signed with: the newest. */
    ECKey current() {
        return keys.getFirst();
    }

    /** The key with {@code kid}, for checking a token it signed. */
    Optional<ECKey> byId(String kid) {
        return keys.stream().filter(k -> k.getKeyID().equals(kid)).findFirst();
    }

    /** The public keys, as {@code /v1/jwks} publishes them. */
    public JWKSet publicSet() {
        return new JWKSet(keys.stream().map(k -> (JWK) k.toPublicJWK()).toList());
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                    .keyID("latchkey-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("this JVM cannot make a P-256 key", e);
        }
    }

    private static List<ECKey> load(Database db, MasterKey masterKey) {
        List<ECKey> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT kid, sealed_jwk FROM signing_keys ORDER BY created_at DESC, kid");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String kid = r.getString(1);
                byte[] json = masterKey.unwrap(r.getString(2), context(kid));
                try {
                    out.add(ECKey.parse(new String(json, StandardCharsets.UTF_8)));
                } finally {
                    Arrays.fill(json, (byte) 0);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the signing keys", e);
        } catch (GeneralSecurityException e) {
            throw new StoreException("the signing keys were sealed by another master key", e);
        } catch (ParseException e) {
            throw new StoreException("a stored signing key is not a JWK", e);
        }
        return out;
    }

    /**
     * Stores the database's first key, unless another broker does so at the same moment: replicas
     * started together on a new database would otherwise each sign with a key of its own, which
     * the others neither publish nor accept. A marker row with a fixed key decides who makes it;
     * the others wait for that transaction and then load its key.
     */
    private static void insertFirst(Database db, MasterKey masterKey, Clock clock, ECKey key) {
        byte[] json = key.toJSONString().getBytes(StandardCharsets.UTF_8);
        try {
            Transactions.run(db, "store the first signing key", tx -> {
                try (PreparedStatement marker = tx.connection().prepareStatement(
                        "INSERT INTO broker_meta (meta_key, meta_value) VALUES ('first-signing-key', ?)");
                     PreparedStatement s = tx.connection().prepareStatement(
                             "INSERT INTO signing_keys (kid, sealed_jwk, created_at) VALUES (?, ?, ?)")) {
                    marker.setString(1, key.getKeyID());
                    marker.executeUpdate();
                    s.setString(1, key.getKeyID());
                    s.setString(2, masterKey.wrap(json, context(key.getKeyID())));
                    s.setLong(3, clock.millis());
                    s.executeUpdate();
                }
                return true;
            });
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLException sql && Database.isDuplicateKey(sql))) {
                throw e;
            }
            // Another broker made the first key; the caller loads it.
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    /**
     * Re-seals every stored signing key from one master key to another, on {@code c} inside the
     * caller's transaction (master-key rotation).
     *
     * @return how many keys it re-sealed
     */
    public static int reseal(Connection c, MasterKey from, MasterKey to) throws SQLException, GeneralSecurityException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT kid, sealed_jwk FROM signing_keys");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new String[] {r.getString(1), r.getString(2)});
            }
        }
        for (String[] row : rows) {
            byte[] json = from.unwrap(row[1], context(row[0]));
            try (PreparedStatement up = c.prepareStatement("UPDATE signing_keys SET sealed_jwk = ? WHERE kid = ?")) {
                up.setString(1, to.wrap(json, context(row[0])));
                up.setString(2, row[0]);
                up.executeUpdate();
            } finally {
                Arrays.fill(json, (byte) 0);
            }
        }
        return rows.size();
    }

    private static String context(String kid) {
        return "signing-key:" + kid;
    }
}
