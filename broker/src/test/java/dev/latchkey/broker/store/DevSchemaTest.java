package dev.latchkey.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A development broker's schema, made without Flyway ({@link DevSchema}), is the schema Flyway
 * migrates every other database to: the same tables, columns, constraints, indexes and seeded rows,
 * as H2's INFORMATION_SCHEMA describes them.
 */
class DevSchemaTest {

    /** The views that describe a schema, each with the columns that say what it is (names and all). */
    private static final List<String> VIEWS = List.of("TABLES", "COLUMNS", "TABLE_CONSTRAINTS", "KEY_COLUMN_USAGE",
            "REFERENTIAL_CONSTRAINTS", "CHECK_CONSTRAINTS", "CONSTRAINT_COLUMN_USAGE", "INDEXES", "INDEX_COLUMNS",
            "SEQUENCES", "VIEWS", "TRIGGERS");
    private static final String FLYWAY_TABLE = "flyway_schema_history";

    @Test
    void theDevelopmentSchemaIsTheMigratedSchema() throws SQLException {
        try (Database migrated = Database.inMemory(); Database dev = Database.inMemoryForDev();
             Connection m = migrated.connection(); Connection d = dev.connection()) {
            Map<String, List<String>> want = describe(m);
            Map<String, List<String>> got = describe(d);
            assertThat(want.get("TABLES")).as("the migrated schema has tables").hasSizeGreaterThan(5);
            assertThat(want.get("COLUMNS")).anyMatch(c -> c.contains("REQUESTER_DISPLAY")); // the latest ALTER ran
            for (String view : want.keySet()) {
                assertThat(got.get(view)).as("INFORMATION_SCHEMA.%s", view).containsExactlyElementsOf(want.get(view));
            }
            assertThat(rows(d, tablesOf(d))).as("seeded rows").isEqualTo(rows(m, tablesOf(d)));
        }
    }

    @Test
    void itRunsEveryMigrationFlywayRunsInFlywaysOrder() throws SQLException {
        try (Database migrated = Database.inMemory(); Connection c = migrated.connection();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT \"script\" FROM \"" + FLYWAY_TABLE
                     + "\" WHERE \"type\" = 'SQL' ORDER BY \"installed_rank\"")) {
            List<String> scripts = new ArrayList<>();
            while (r.next()) {
                scripts.add(r.getString(1));
            }
            assertThat(DevSchema.MIGRATIONS).as("a migration added to db/migration must be added to DevSchema too")
                    .containsExactlyElementsOf(scripts);
        }
    }

    @Test
    void aDevelopmentBrokersDatabaseHasNoFlywayHistory() throws SQLException {
        try (Database dev = Database.inMemoryForDev(); Connection c = dev.connection()) {
            assertThat(tablesOf(c)).isNotEmpty().doesNotContain(FLYWAY_TABLE);
        }
    }

    /** Each view's rows for the PUBLIC schema, Flyway's own table left out, each row as text, sorted. */
    private static Map<String, List<String>> describe(Connection c) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String view : VIEWS) {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT * FROM INFORMATION_SCHEMA." + view)) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    StringBuilder row = new StringBuilder();
                    boolean ours = true;
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String column = meta.getColumnName(i);
                        String value = r.getString(i);
                        if (column.endsWith("_SCHEMA") && value != null && !value.equals("PUBLIC")) {
                            ours = false;
                        }
                        if (value != null && value.contains(FLYWAY_TABLE)) {
                            ours = false;
                        }
                        // Left out: the catalog (the database's random name) and a table's change counter.
                        if (!column.endsWith("_CATALOG") && !column.equals("LAST_MODIFICATION")) {
                            row.append(column).append('=').append(value).append(' ');
                        }
                    }
                    if (ours) {
                        rows.add(row.toString());
                    }
                }
            }
            rows.sort(null);
            out.put(view, rows);
        }
        return out;
    }

    private static List<String> tablesOf(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    private static Map<String, List<String>> rows(Connection c, List<String> tables) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String table : tables) {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                while (r.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.append(r.getString(i)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
            rows.sort(null);
            out.put(table, rows);
        }
        return out;
    }
}
