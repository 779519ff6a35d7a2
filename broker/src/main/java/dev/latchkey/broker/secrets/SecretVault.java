package dev.latchkey.broker.secrets;

import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import dev.latchkey.broker.store.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secret values at rest: each value sealed with AES-256-GCM under its secret's own data key,
 * each data key wrapped by the {@link MasterKey}. Every put adds a version; none is overwritten.
 */
public final class SecretVault {

    /** The most names one query of {@link #current(ScopeId, Collection)} binds. */
    static final int NAMES_PER_QUERY = 100;

    private final Database db;
    private final MasterKey masterKey;
    private final Clock clock;

    private SecretVault(Database db, MasterKey masterKey, Clock clock) {
        this.db = db;
        this.masterKey = masterKey;
        this.clock = clock;
    }

    /**
     * Opens the vault. The first open of a database records a check value sealed with the key;
     * later opens verify it and refuse a different key before anything is read or written.
     *
     * @throws MasterKeyMismatchException when {@code masterKey} is not this database's key
     */
    public static SecretVault open(Database db, MasterKey masterKey, Clock clock) {
        try (Connection c = db.connection()) {
            KeyCheck.verify(c, masterKey);
        } catch (SQLException e) {
            throw new StoreException("cannot read the vault's key check: " + e.getMessage(), e);
        }
        return new SecretVault(db, masterKey, clock);
    }

    /** Stores a new version of {@code scope}/{@code name} and returns its metadata. */
    public StoredSecret put(ScopeId scope, String name, String value, String actor) {
        Instant now = clock.instant();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                int version;
                SecretKey dataKey;
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT wrapped_key, current_version FROM secrets WHERE team = ? AND env = ? AND name = ? FOR UPDATE")) {
                    bind(s, scope, name);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            dataKey = unwrap(r.getString(1), scope, name);
                            version = r.getInt(2) + 1;
                        } else {
                            byte[] raw = new byte[32];
                            MasterKey.RANDOM.nextBytes(raw);
                            dataKey = new SecretKeySpec(raw, "AES");
                            try (PreparedStatement ins = c.prepareStatement(
                                    "INSERT INTO secrets (team, env, name, wrapped_key, current_version, created_at) VALUES (?, ?, ?, ?, 0, ?)")) {
                                bind(ins, scope, name);
                                ins.setString(4, masterKey.wrap(raw, keyContext(scope, name)));
                                ins.setLong(5, now.toEpochMilli());
                                ins.executeUpdate();
                            }
                            Arrays.fill(raw, (byte) 0);
                            version = 1;
                        }
                    }
                }
                byte[] sealed = MasterKey.seal(dataKey, value.getBytes(StandardCharsets.UTF_8),
                        valueContext(scope, name, version));
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO secret_versions (team, env, name, version, ciphertext, created_at, created_by)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    bind(ins, scope, name);
                    ins.setInt(4, version);
                    ins.setString(5, Base64.getEncoder().encodeToString(sealed));
                    ins.setLong(6, now.toEpochMilli());
                    ins.setString(7, actor);
                    ins.executeUpdate();
                }
                try (PreparedStatement up = c.prepareStatement(
                        "UPDATE secrets SET current_version = ? WHERE team = ? AND env = ? AND name = ?")) {
                    up.setInt(1, version);
                    up.setString(2, scope.team());
                    up.setString(3, scope.env());
                    up.setString(4, name);
                    up.executeUpdate();
                }
                c.commit();
                return new StoredSecret(name, version, now);
            } catch (SQLException | RuntimeException e) {
                Transactions.rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store " + scope + "/" + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores many new secrets of one scope in a single transaction, each with its own data key:
     * dev mode's bulk seed. Fails (and stores none) if any of them exists already.
     */
    public void putAllNew(ScopeId scope, Map<String, String> values, String actor) {
        long now = clock.millis();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement secret = c.prepareStatement(
                    "INSERT INTO secrets (team, env, name, wrapped_key, current_version, created_at) VALUES (?, ?, ?, ?, 1, ?)");
                 PreparedStatement version = c.prepareStatement(
                         "INSERT INTO secret_versions (team, env, name, version, ciphertext, created_at, created_by)"
                                 + " VALUES (?, ?, ?, 1, ?, ?, ?)")) {
                for (var e : values.entrySet()) {
                    byte[] raw = new byte[32];
                    MasterKey.RANDOM.nextBytes(raw);
                    bind(secret, scope, e.getKey());
                    secret.setString(4, masterKey.wrap(raw, keyContext(scope, e.getKey())));
                    secret.setLong(5, now);
                    secret.addBatch();
                    byte[] sealed = MasterKey.seal(new SecretKeySpec(raw, "AES"),
                            e.getValue().getBytes(StandardCharsets.UTF_8), valueContext(scope, e.getKey(), 1));
                    Arrays.fill(raw, (byte) 0);
                    bind(version, scope, e.getKey());
                    version.setString(4, Base64.getEncoder().encodeToString(sealed));
                    version.setLong(5, now);
                    version.setString(6, actor);
                    version.addBatch();
                }
                secret.executeBatch();
                version.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                Transactions.rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store " + values.size() + " secrets in " + scope + ": " + e.getMessage(), e);
        }
    }

    /** The current value of a secret, when it has one. */
    public Optional<SecretValue> current(ScopeId scope, String name) {
        return Optional.ofNullable(current(scope, List.of(name)).get(name));
    }

    /**
     * The current values of some secrets of one scope, by name; names without a value are left
     * out. One connection and one query for up to {@link #NAMES_PER_QUERY} names: a launch reads
     * all its references of a scope at once, and on a broker that has not run long, each query
     * costs far more than its rows.
     *
     * @throws StoreException when a stored value fails its integrity check, as {@link #current(ScopeId, String)}
     */
    public Map<String, SecretValue> current(ScopeId scope, Collection<String> names) {
        List<String> wanted = List.copyOf(new LinkedHashSet<>(names));
        Map<String, SecretValue> out = new HashMap<>();
        if (wanted.isEmpty()) {
            return out;
        }
        try (Connection c = db.connection()) {
            for (int from = 0; from < wanted.size(); from += NAMES_PER_QUERY) {
                List<String> part = wanted.subList(from, Math.min(wanted.size(), from + NAMES_PER_QUERY));
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT s.name, s.wrapped_key, v.version, v.ciphertext, v.created_at FROM secrets s"
                                + " JOIN secret_versions v ON v.team = s.team AND v.env = s.env AND v.name = s.name"
                                + " AND v.version = s.current_version"
                                + " WHERE s.team = ? AND s.env = ? AND s.name IN ("
                                + String.join(", ", Collections.nCopies(part.size(), "?")) + ")")) {
                    s.setString(1, scope.team());
                    s.setString(2, scope.env());
                    for (int i = 0; i < part.size(); i++) {
                        s.setString(3 + i, part.get(i));
                    }
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            String name = r.getString(1);
                            out.put(name, open(scope, name, r.getString(2), r.getInt(3), r.getString(4), r.getLong(5)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + (wanted.size() == 1 ? scope + "/" + wanted.getFirst()
                    : wanted.size() + " secrets of " + scope) + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** A stored row's value, opened with its data key. */
    private SecretValue open(ScopeId scope, String name, String wrappedKey, int version, String ciphertext,
            long createdAt) {
        SecretKey dataKey = unwrap(wrappedKey, scope, name);
        byte[] plain;
        try {
            plain = MasterKey.open(dataKey, Base64.getDecoder().decode(ciphertext), valueContext(scope, name, version));
        } catch (GeneralSecurityException e) {
            throw new StoreException("the stored value of " + scope + "/" + name + " v" + version
                    + " fails its integrity check (was the database edited?)", e);
        }
        return new SecretValue(new String(plain, StandardCharsets.UTF_8), version, Instant.ofEpochMilli(createdAt));
    }

    /** Metadata of every stored secret of {@code scope}, by name. */
    public Map<String, StoredSecret> list(ScopeId scope) {
        Map<String, StoredSecret> out = new HashMap<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT s.name, s.current_version, v.created_at FROM secrets s"
                             + " JOIN secret_versions v ON v.team = s.team AND v.env = s.env AND v.name = s.name"
                             + " AND v.version = s.current_version WHERE s.team = ? AND s.env = ?")) {
            s.setString(1, scope.team());
            s.setString(2, scope.env());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), new StoredSecret(r.getString(1), r.getInt(2), Instant.ofEpochMilli(r.getLong(3))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot list the secrets of " + scope + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** True when no secret has been stored yet. */
    public boolean isEmpty() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM secrets");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1) == 0;
        } catch (SQLException e) {
            throw new StoreException("cannot count secrets: " + e.getMessage(), e);
        }
    }

    /** Every version number stored for a secret, oldest first. */
    public List<Integer> versions(ScopeId scope, String name) {
        List<Integer> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT version FROM secret_versions WHERE team = ? AND env = ? AND name = ? ORDER BY version")) {
            bind(s, scope, name);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getInt(1));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot list versions of " + scope + "/" + name + ": " + e.getMessage(), e);
        }
        return out;
    }

    private SecretKey unwrap(String wrapped, ScopeId scope, String name) {
        try {
            byte[] raw = masterKey.unwrap(wrapped, keyContext(scope, name));
            SecretKey key = new SecretKeySpec(raw, "AES");
            Arrays.fill(raw, (byte) 0);
            return key;
        } catch (GeneralSecurityException e) {
            throw new StoreException("the data key of " + scope + "/" + name + " does not open with this master key", e);
        }
    }

    // The scope, name and version are bound into each seal, so a ciphertext copied to another
    // row does not open there.
    static String keyContext(ScopeId scope, String name) {
        return "latchkey-data-key:" + scope + "/" + name;
    }

    private static String valueContext(ScopeId scope, String name, int version) {
        return "latchkey-value:" + scope + "/" + name + "#" + version;
    }

    private static void bind(PreparedStatement s, ScopeId scope, String name) throws SQLException {
        s.setString(1, scope.team());
        s.setString(2, scope.env());
        s.setString(3, name);
    }
}
