package dev.latchkey.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.BrokerStartException;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.MasterKeySource;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.PostgresCluster;
import dev.latchkey.broker.testing.TestIssuer;
import dev.latchkey.testsupport.MutableClock;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same broker on PostgreSQL: migrations, encrypted values, the master-key check and the
 * audit chain. Needs PostgreSQL's binaries (a real part: a failure under LATCHKEY_REQUIRE_REAL_PARTS).
 */
class PostgresTest {

    @Test
    void theBrokerRunsOnPostgres() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        String url = PostgresCluster.shared().newDatabase();
        byte[] key = new SecureRandom().generateSeed(32);
        try (TestIssuer issuer = new TestIssuer(clock)) {
            BrokerConfig config = BrokerConfig.dev().withIssuer(issuer.issuer()).withClock(clock)
                    .withDatabase(url);
            try (RunningBroker broker = LatchkeyBroker.start(config.withMasterKey(new MasterKeySource.Bytes(key)));
                 Api api = new Api(broker.url())) {
                String root = issuer.token("root", "latchkey-admins");
                assertThat(api.put("/v1/admin/secrets/payments/dev/db-url", root,
                        Api.json(Map.of("value", "postgresql://rotated"))).json().path("version").asInt()).isEqualTo(2);
                var resolved = api.post("/v1/secrets:resolve", issuer.token("ada", "payments-dev"), Api.json(Map.of("refs",
                        List.of("latchkey://payments/dev/db-url", "latchkey://payments/dev/stripe-api-key")))).json();
                assertThat(resolved.path("resolved").get(0).path("value").asText()).isEqualTo("postgresql://rotated");
                assertThat(resolved.path("resolved").get(1).path("value").asText())
                        .isEqualTo(DemoOrganisation.values().get("payments/dev/stripe-api-key"));
                var rows = api.get("/v1/audit?limit=1000", root).json().path("entries");
                assertThat(rows.size()).isGreaterThanOrEqualTo(4);
                for (int i = 1; i < rows.size(); i++) {
                    assertThat(rows.get(i).path("prevHash").asText()).isEqualTo(rows.get(i - 1).path("hash").asText());
                }
            }
            assertThatThrownBy(() -> LatchkeyBroker.start(config.withMasterKey(
                    new MasterKeySource.Bytes(new SecureRandom().generateSeed(32)))))
                    .isInstanceOf(BrokerStartException.class).hasMessageContaining("not the key this database");
        }
    }
}
