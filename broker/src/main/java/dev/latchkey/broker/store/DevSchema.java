package dev.latchkey.broker.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema of a development broker's private in-memory database, made by running the
 * migrations' own scripts in order, without Flyway. Such a database starts empty and ends with
 * the broker, so it has nothing to migrate; Flyway's start (scanning the class path for scripts,
 * its history table, its database plugins) was a large part of the demo broker's start, which the
 * desktop app waits for before its sign-in screen works. Every other database — PostgreSQL, an H2
 * file — is migrated by Flyway ({@link Database#open}). {@code DevSchemaTest} holds the two schemas
 * equal, and fails when a migration is added here but not there, or there but not here.
 */
final class DevSchema {

    /** Where Flyway finds the migrations, on the class path. */
    static final String LOCATION = "db/migration";

    /** The migrations in Flyway's order (by version). */
    static final List<String> MIGRATIONS = List.of(
            "V1__secrets_and_audit.sql",
            "V2__access_requests_and_grants.sql",
            "V3__events.sql",
            "V4__sandbox_tokens.sql",
            "V4_1__requester_display_names.sql",
            "V5__guard_exposures.sql");

    private DevSchema() {
    }

    /**
     * Runs every migration's script on {@code connection}, an empty H2 database. A failure leaves a
     * half-made schema, which is thrown away with the database: the broker does not start.
     */
    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String script : MIGRATIONS) {
                // H2 reads the script from the class path itself and runs it statement by statement.
                statement.execute("RUNSCRIPT FROM 'classpath:/" + LOCATION + "/" + script + "' CHARSET 'UTF-8'");
            }
        }
    }
}
