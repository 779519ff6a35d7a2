package dev.latchkey.cli.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.common.Table;
import dev.latchkey.core.brokerapi.Scope;
import dev.latchkey.core.brokerapi.SecretMeta;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code scopes} and {@code secrets} print exactly the layout their format strings gave before the shared table. */
class ListFormatsTest {

    private static final Instant T = Instant.parse("2026-12-01T10:06:07.123Z");

    static String print(Table<?> table, boolean json) {
        StringWriter text = new StringWriter();
        table.print(json, new PrintWriter(text));
        return text.toString();
    }

    @Test
    void scopes() {
        List<Scope> scopes = List.of(
                new Scope("payments/dev", Scope.Access.STANDING, Optional.empty(), Optional.empty()),
                new Scope("payments/staging", Scope.Access.GRANTED, Optional.of(T), Optional.empty()),
                new Scope("payments/prod", Scope.Access.REQUESTABLE, Optional.empty(), Optional.of(Duration.ofMinutes(90))),
                new Scope("a-scope-whose-name-is-longer-than-its-column/x", Scope.Access.NONE, Optional.empty(), Optional.empty()));
        String row = "%-28s  %s%n";
        assertThat(print(ScopesCommand.table(scopes), false)).isEqualTo(String.format(row, "SCOPE", "ACCESS")
                + String.format(row, "payments/dev", "standing")
                + String.format(row, "payments/staging", "granted until 2026-12-01T10:06:07Z")
                + String.format(row, "payments/prod", "requestable (up to 1h30m)")
                + String.format(row, "a-scope-whose-name-is-longer-than-its-column/x", "none"));
        assertThat(print(ScopesCommand.table(scopes.subList(1, 3)), true)).isEqualToNormalizingNewlines("""
                [ {
                  "scope" : "payments/staging",
                  "access" : "granted",
                  "grantedUntil" : "2026-12-01T10:06:07.123Z"
                }, {
                  "scope" : "payments/prod",
                  "access" : "requestable",
                  "maxDurationSeconds" : 5400
                } ]
                """);
    }

    @Test
    void secrets() {
        List<SecretMeta> secrets = List.of(
                new SecretMeta("db-url", "The database", 3, Optional.of(T), Optional.empty()),
                new SecretMeta("api-key", "", 12345, Optional.empty(), Optional.of(T)));
        String row = "%-40s  %4d  %s%n";
        assertThat(print(SecretsCommand.table("payments/dev", secrets), false))
                .isEqualTo(String.format("%-40s  %4s  %s%n", "REFERENCE", "VER", "DESCRIPTION")
                        + String.format(row, "latchkey://payments/dev/db-url", 3L, "The database")
                        + String.format(row, "latchkey://payments/dev/api-key", 12345L, ""));
        assertThat(print(SecretsCommand.table("payments/dev", List.of()), false))
                .isEqualTo(String.format("%-40s  %4s  %s%n", "REFERENCE", "VER", "DESCRIPTION"));
        assertThat(print(SecretsCommand.table("payments/dev", secrets), true)).isEqualToNormalizingNewlines("""
                [ {
                  "name" : "db-url",
                  "ref" : "latchkey://payments/dev/db-url",
                  "description" : "The database",
                  "version" : 3,
                  "updatedAt" : "2026-12-01T10:06:07.123Z"
                }, {
                  "name" : "api-key",
                  "ref" : "latchkey://payments/dev/api-key",
                  "description" : "",
                  "version" : 12345,
                  "rotationDue" : "2026-12-01T10:06:07.123Z"
                } ]
                """);
    }
}
