package dev.latchkey.broker.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.broker.seed.DemoOrganisation;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

    static final String GOOD = """
            admins: [ops]
            scopes:
              payments/prod:
                description: Production
                request: [payments-dev]
                approve: [payments-leads]
                maxRequest: 1h
                autoApprove:
                  - groups: [payments-dev]
                    upTo: 15m
                secrets:
                  db-url:
                    description: database
                    rotateEvery: 30d
                  api-key:
            """;

    @Test
    void aGoodPolicyReadsWhole() {
        Policy p = PolicyLoader.parse("policy.yaml", GOOD);
        ScopePolicy prod = p.scope(new ScopeId("payments", "prod")).orElseThrow();

        assertThat(p.admins()).containsExactly("ops");
        assertThat(prod.request()).containsExactly("payments-dev");
        assertThat(prod.approve()).containsExactly("payments-leads");
        assertThat(prod.maxRequest()).contains(Duration.ofHours(1));
        assertThat(prod.autoApprovedUpTo(Set.of("payments-dev"))).contains(Duration.ofMinutes(15));
        assertThat(prod.secrets()).extracting(SecretDecl::name).containsExactly("db-url", "api-key");
        assertThat(prod.secret("db-url").orElseThrow().rotateEvery()).contains(Duration.ofDays(30));
        assertThat(prod.secret("api-key").orElseThrow().rotateEvery()).isEqualTo(Optional.empty());
        assertThat(prod.mayBrowse(Set.of("payments-leads"))).isTrue();
        assertThat(prod.mayRead(Set.of("payments-dev"))).isFalse();
    }

    @Test
    void theDemoPolicyIsValidAndHasTheSeededScopes() {
        Policy p = DemoOrganisation.policy(0);
        assertThat(p.scopes().keySet()).extracting(ScopeId::toString)
                .containsExactly("payments/dev", "payments/prod", "payments/staging", "search/dev");
        assertThat(p.admins()).containsExactly("latchkey-admins");
    }

    @Test
    void aBadDurationNamesFileLineAndField() {
        String bad = GOOD.replace("maxRequest: 1h", "maxRequest: an hour");
        assertThatThrownBy(() -> PolicyLoader.parse("policy.yaml", bad))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.field()).isEqualTo("scopes.payments/prod.maxRequest");
                    assertThat(e.getMessage()).startsWith("policy.yaml:7: scopes.payments/prod.maxRequest: 'an hour' is not a duration");
                });
    }

    @Test
    void anUnknownFieldIsAnError() {
        String bad = GOOD.replace("    approve: [payments-leads]", "    aprove: [payments-leads]");
        assertThatThrownBy(() -> PolicyLoader.parse("policy.yaml", bad))
                .hasMessageStartingWith("policy.yaml:6: scopes.payments/prod.aprove: unknown field");
    }

    @Test
    void otherMistakesAreFoundWithTheirLines() {
        assertError(GOOD.replace("payments/prod:", "Payments Prod:"), 3, "scopes.Payments Prod");
        assertError(GOOD.replace("upTo: 15m", "upTo: 2h"), 10, "scopes.payments/prod.autoApprove[0].upTo");
        assertError(GOOD.replace("    maxRequest: 1h\n", ""), 4, "scopes.payments/prod.maxRequest");
        assertError(GOOD.replace("request: [payments-dev]", "request: payments-dev"), 5, "scopes.payments/prod.request");
        assertError(GOOD.replace("admins: [ops]", "admins: []"), 1, "admins");
        assertError(GOOD.replace("    description: Production\n", "    description: Production\n    description: again\n"),
                5, "");
        assertError("admins: [ops]\nscopes:\n  a/b: {read: [x]\n", 4, "");
    }

    @Test
    void anEmptyFileIsAnError() {
        assertThatThrownBy(() -> PolicyLoader.parse("empty.yaml", ""))
                .hasMessageContaining("empty.yaml:1").hasMessageContaining("empty");
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse("4h")).contains(Duration.ofHours(4));
        assertThat(Durations.parse("0s")).isEmpty();
        assertThat(Durations.parse("-1h")).isEmpty();
        assertThat(Durations.format(Duration.ofHours(4))).isEqualTo("4h");
    }

    private static void assertError(String text, int line, String field) {
        assertThatThrownBy(() -> PolicyLoader.parse("policy.yaml", text))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
                    if (!field.isEmpty()) {
                        assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
                    }
                });
    }
}
