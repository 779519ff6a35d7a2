package dev.latchkey.broker.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.BrokerStartException;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.MasterKeySource;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.TestIssuer;
import dev.latchkey.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database file holds no value in clear, and a wrong master key loses nothing. */
class EncryptionAtRestTest {

    @Test
    void theDatabaseFileContainsNoneOfTheSeededValues(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("broker").toAbsolutePath();
        byte[] key = MasterKey.RANDOM.generateSeed(32);
        BrokerConfig config = BrokerConfig.dev().withDatabase(url)
                .withMasterKey(new MasterKeySource.Bytes(key));
        try (RunningBroker broker = LatchkeyBroker.start(config)) {
            assertThat(broker.url()).isNotNull();
        }

        String file = contentsOf(dir);
        // A positive control: the file is readable as text, and names (not values) are in it.
        assertThat(file).contains("db-url").contains("stripe-api-key");
        for (var entry : DemoOrganisation.values().entrySet()) {
            assertThat(file).as("the value of %s", entry.getKey()).doesNotContain(entry.getValue());
            assertThat(file).doesNotContain(entry.getValue().substring(0, entry.getValue().length() / 2));
        }
    }

    @Test
    void aWrongMasterKeyRefusesToStartAndTheRightOneStillReadsEverything(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        String url = "jdbc:h2:file:" + dir.resolve("broker").toAbsolutePath();
        byte[] right = MasterKey.RANDOM.generateSeed(32);
        byte[] wrong = MasterKey.RANDOM.generateSeed(32);
        try (TestIssuer issuer = new TestIssuer(clock)) {
            BrokerConfig config = BrokerConfig.dev().withIssuer(issuer.issuer()).withClock(clock).withDatabase(url);
            LatchkeyBroker.start(config.withMasterKey(new MasterKeySource.Bytes(right))).close();
            long sizeBefore = contentsOf(dir).length();

            assertThatThrownBy(() -> LatchkeyBroker.start(config.withMasterKey(new MasterKeySource.Bytes(wrong))))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("is not the key this database was sealed with")
                    .hasMessageContaining("nothing was changed");

            try (RunningBroker broker = LatchkeyBroker.start(config.withMasterKey(new MasterKeySource.Bytes(right)));
                 Api api = new Api(broker.url())) {
                var body = api.post("/v1/secrets:resolve", issuer.token("ada", "payments-dev"),
                        Api.json(Map.of("refs", List.of("latchkey://payments/dev/db-url")))).json();
                assertThat(body.path("resolved").get(0).path("value").asText())
                        .isEqualTo(DemoOrganisation.values().get("payments/dev/db-url"));
                assertThat(body.path("resolved").get(0).path("version").asInt()).isEqualTo(1);
            }
            assertThat(sizeBefore).isPositive();
        }
    }

    @Test
    void aValueMovedToAnotherSecretsRowDoesNotOpen() {
        try (var db = Database.inMemory()) {
            SecretVault vault = SecretVault.open(db, MasterKey.random(), Clock.systemUTC());
            var a = new ScopeId("t", "a");
            vault.put(a, "one", "value-one", "test");
            vault.put(a, "two", "value-two", "test");
            try (var c = db.connection(); var s = c.createStatement()) {
                s.executeUpdate("UPDATE secret_versions SET ciphertext = (SELECT ciphertext FROM secret_versions"
                        + " WHERE name = 'one') WHERE name = 'two'");
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            assertThatThrownBy(() -> vault.current(a, "two")).hasMessageContaining("integrity check")
                    .hasMessageNotContaining("value-one");
            assertThat(vault.current(a, "one").orElseThrow().value()).isEqualTo("value-one");
            assertThat(vault.current(a, "one").orElseThrow().toString()).doesNotContain("value-one");
        }
    }

    private static String contentsOf(Path dir) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
