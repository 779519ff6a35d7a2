package dev.latchkey.broker.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The broker's database: a pooled JDBC data source whose schema Flyway has brought up to date
 * (a development broker's in-memory one excepted: {@link #inMemoryForDev}).
 * Nothing here is specific to H2: the same migrations and queries run on PostgreSQL.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Opens {@code jdbcUrl} and migrates its schema. */
    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, pool -> Flyway.configure().dataSource(pool).locations("classpath:" + DevSchema.LOCATION)
                .load().migrate(), "migrate");
    }

    /** What makes an opened database's schema. */
    private interface SchemaMaker {
        void make(HikariDataSource pool) throws SQLException;
    }

    private static Database open(String jdbcUrl, SchemaMaker schema, String verb) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setMaximumPoolSize(8);
        hikari.setConnectionTimeout(10_000);
        hikari.setPoolName("latchkey-broker");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the database " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
        try {
            schema.make(pool);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new StoreException("cannot " + verb + " the database " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
        return new Database(pool);
    }

    /** A private in-memory database, gone when closed, migrated by Flyway: tests. */
    public static Database inMemory() {
        return open(memoryUrl());
    }

    /**
     * A private in-memory database, gone when closed, for a development broker: its schema made
     * from the migrations' scripts without Flyway ({@link DevSchema}), which starts it sooner.
     */
    public static Database inMemoryForDev() {
        return open(memoryUrl(), pool -> {
            try (Connection c = pool.getConnection()) {
                DevSchema.create(c);
            }
        }, "create the schema of");
    }

    private static String memoryUrl() {
        return "jdbc:h2:mem:latchkey-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        if (pool.getJdbcUrl().startsWith("jdbc:h2:mem:")) {
            try (Connection c = pool.getConnection(); var s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // The pool closes next either way; an in-memory database leaves nothing behind.
            }
        }
        pool.close();
    }

    /** Whether {@code e} is a duplicate key (SQLSTATE class 23, as PostgreSQL and H2 report it). */
    public static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /** A JDBC URL without any password or user parameters, for messages. */
    public static String redact(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        int semi = jdbcUrl.indexOf(';');
        int cut = q >= 0 ? q : semi >= 0 ? semi : jdbcUrl.length();
        return jdbcUrl.substring(0, cut);
    }
}
