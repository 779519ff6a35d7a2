package dev.latchkey.broker.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.store.Database;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading several secrets of a scope at once gives what reading each alone gives. */
class SecretVaultReadTest {

    private static final ScopeId A = new ScopeId("t", "a");
    private static final ScopeId B = new ScopeId("t", "b");

    @Test
    void manyNamesReadAtOnceGiveEachCurrentValueAndLeaveOutTheMissing() {
        try (var db = Database.inMemory()) {
            SecretVault vault = SecretVault.open(db, MasterKey.random(), Clock.systemUTC());
            // More names than one query binds, so the read takes more than one query.
            int count = SecretVault.NAMES_PER_QUERY + 50;
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                values.put("s" + i, "value-" + i);
            }
            vault.putAllNew(A, values, "test");
            vault.put(B, "s0", "other-scope", "test");
            vault.put(A, "s7", "value-7-again", "test");

            List<String> names = new ArrayList<>(values.keySet());
            names.add("s3"); // asked twice
            names.add("missing");
            Map<String, SecretValue> read = vault.current(A, names);

            assertThat(read).hasSize(count).doesNotContainKey("missing");
            for (int i = 0; i < count; i++) {
                SecretValue alone = vault.current(A, "s" + i).orElseThrow();
                assertThat(read.get("s" + i).value()).isEqualTo(alone.value());
                assertThat(read.get("s" + i).version()).isEqualTo(alone.version());
            }
            assertThat(read.get("s0").value()).isEqualTo("value-0");
            assertThat(read.get("s7").value()).isEqualTo("value-7-again");
            assertThat(read.get("s7").version()).isEqualTo(2);
            assertThat(read.get("s" + (count - 1)).value()).isEqualTo("value-" + (count - 1));
            assertThat(vault.current(B, List.of("s0", "s1"))).containsOnlyKeys("s0");
            assertThat(vault.current(A, List.of())).isEmpty();
            assertThat(vault.current(A, "missing")).isEmpty();
        }
    }

    @Test
    void aValueThatFailsItsIntegrityCheckFailsTheWholeRead() {
        try (var db = Database.inMemory()) {
            SecretVault vault = SecretVault.open(db, MasterKey.random(), Clock.systemUTC());
            vault.put(A, "one", "value-one", "test");
            vault.put(A, "two", "value-two", "test");
            try (var c = db.connection(); var s = c.createStatement()) {
                s.executeUpdate("UPDATE secret_versions SET ciphertext = (SELECT ciphertext FROM secret_versions"
                        + " WHERE name = 'one') WHERE name = 'two'");
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            assertThatThrownBy(() -> vault.current(A, List.of("one", "two"))).hasMessageContaining("integrity check")
                    .hasMessageContaining("t/a/two").hasMessageNotContaining("value-one");
            assertThat(vault.current(A, List.of("one")).get("one").value()).isEqualTo("value-one");
        }
    }
}
