package dev.latchkey.broker.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.broker.testing.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code confirm: true} on a scope: read from the policy file, told to clients in the scopes listing. */
class ConfirmPolicyTest {

    static final String POLICY = """
            admins: [ops]
            scopes:
              payments/dev:
                read: [payments-dev]
              payments/prod:
                read: [payments-dev]
                confirm: true
            """;

    @Test
    void confirmIsReadAndDefaultsToNo() {
        Policy p = PolicyLoader.parse("policy.yaml", POLICY);
        assertThat(p.scope(new ScopeId("payments", "prod")).orElseThrow().confirm()).isTrue();
        assertThat(p.scope(new ScopeId("payments", "dev")).orElseThrow().confirm()).isFalse();
    }

    @Test
    void onlyTrueOrFalseIsAccepted() {
        for (String bad : new String[] {"yes", "1", "\"true\"", "[true]"}) {
            assertThatThrownBy(() -> PolicyLoader.parse("policy.yaml", POLICY.replace("confirm: true", "confirm: " + bad)))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining("policy.yaml:7").hasMessageContaining("scopes.payments/prod.confirm")
                    .hasMessageContaining("expected true or false");
        }
        assertThat(PolicyLoader.parse("p", POLICY.replace("confirm: true", "confirm: false"))
                .scope(new ScopeId("payments", "prod")).orElseThrow().confirm()).isFalse();
    }

    @Test
    void theScopesListingSaysConfirmOnlyWhereThePolicyDoes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, POLICY);
        try (TestBroker broker = TestBroker.at(Instant.parse("2026-12-01T10:00:00Z")).policyFile(file).start()) {
            String ada = broker.issuer().token("ada", "payments-dev");
            Map<String, JsonNode> byScope = new HashMap<>();
            broker.api().get("/v1/scopes", ada).json().path("scopes").valueStream()
                    .forEach(s -> byScope.put(s.path("scope").asText(), s));
            assertThat(byScope.get("payments/prod").path("confirm").asBoolean()).isTrue();
            // Absent, not false: an answer about a scope without it is what older brokers sent.
            assertThat(byScope.get("payments/dev").has("confirm")).isFalse();
        }
    }
}
