package dev.latchkey.broker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.BrokerStartException;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoint reloads the policy file; a file with an error is rejected whole, with file:line. */
class PolicyReloadTest {

    static final String POLICY = """
            admins: [ops]
            scopes:
              payments/dev:
                read: [payments-dev]
              payments/prod:
                browse: [payments-dev]
            """;

    @Test
    void aGoodFileAppliesAndABadOneChangesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, POLICY);
        try (TestBroker broker = TestBroker.at(Instant.parse("2026-11-28T10:00:00Z")).policyFile(file).start()) {
            Api api = broker.api();
            String ops = broker.issuer().token("olga", "ops");
            String ada = broker.issuer().token("ada", "payments-dev");
            assertThat(access(api, ada)).isEqualTo(Map.of("payments/dev", "standing", "payments/prod", "none"));

            // Prod becomes readable and dev disappears, but a typo in the last line rejects all of it.
            Files.writeString(file, """
                    admins: [ops]
                    scopes:
                      payments/prod:
                        read: [payments-dev]
                      search/dev:
                        read: [search-dev]
                        maxRequest: soon
                    """);
            Api.Answer rejected = api.post("/v1/admin/policy:reload", ops, "");
            assertThat(rejected.status()).isEqualTo(422);
            assertThat(rejected.json().path("error").asText()).isEqualTo("invalid_policy");
            assertThat(rejected.json().path("message").asText())
                    .contains(file + ":7: scopes.search/dev.maxRequest").contains("previous policy stays in force");
            assertThat(access(api, ada)).isEqualTo(Map.of("payments/dev", "standing", "payments/prod", "none"));

            Files.writeString(file, POLICY.replace("browse: [payments-dev]", "read: [payments-dev]"));
            Api.Answer applied = api.post("/v1/admin/policy:reload", ops, "");
            assertThat(applied.status()).isEqualTo(200);
            assertThat(applied.json().path("scopes").asInt()).isEqualTo(2);
            assertThat(access(api, ada)).isEqualTo(Map.of("payments/dev", "standing", "payments/prod", "standing"));

            List<String> reloads = api.get("/v1/audit?limit=1000", ops).json().path("entries").valueStream()
                    .filter(r -> r.path("action").asText().equals("policy.reload"))
                    .map(r -> r.path("outcome").asText()).toList();
            assertThat(reloads).containsExactly("rejected", "ok");
        }
    }

    @Test
    void aBrokerDoesNotStartOnABadPolicy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, POLICY.replace("read: [payments-dev]", "read: payments-dev"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LatchkeyBroker.start(BrokerConfig.dev().withPolicyFile(file)))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining(file + ":4: scopes.payments/dev.read");
    }

    private static Map<String, String> access(Api api, String token) {
        Map<String, String> out = new TreeMap<>();
        api.get("/v1/scopes", token).json().path("scopes")
                .forEach(s -> out.put(s.path("scope").asText(), s.path("access").asText()));
        return out;
    }
}
