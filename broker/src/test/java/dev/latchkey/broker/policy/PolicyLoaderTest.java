package dev.latchkey.broker.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.broker.seed.DemoOrganisation;
import java.time.Duration;
import java.util.Map;
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

    static final String WITH_SANDBOX = GOOD + """
            sandboxes:
              prod-sandbox:
                scope: payments/prod
                audience: payments-sandbox
                maxTtl: 15m
                claims:
                  env: sandbox
                  tier: 2
                  live: false
            """;

    @Test
    void theDemoPolicyHasTheRulesSandboxesAndJustificationTheContractNames() {
        Policy p = DemoOrganisation.policy(0);
        ScopePolicy staging = p.scope(new ScopeId("payments", "staging")).orElseThrow();
        ScopePolicy prod = p.scope(new ScopeId("payments", "prod")).orElseThrow();

        assertThat(staging.approve()).containsExactly("payments-leads");
        assertThat(staging.autoApprove()).extracting(AutoApproval::name).containsExactly("staging-short");
        assertThat(staging.autoApproval(Set.of("payments-dev"), Duration.ofHours(4))).map(AutoApproval::name)
                .contains("staging-short");
        assertThat(staging.autoApproval(Set.of("payments-dev"), Duration.ofHours(5))).isEmpty();
        assertThat(staging.requestTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(prod.justification().minLength()).isEqualTo(10);
        assertThat(prod.justification().problem("too short")).isPresent();
        assertThat(prod.justification().problem("PAY-123 refund investigation")).isEmpty();
        assertThat(prod.maxRequest()).contains(Duration.ofHours(1));

        assertThat(p.sandboxes().keySet()).containsExactly("payments-sandbox", "staging-sandbox");
        SandboxPolicy sandbox = p.sandbox("payments-sandbox").orElseThrow();
        assertThat(sandbox.scope()).isEqualTo(new ScopeId("payments", "dev"));
        assertThat(sandbox.audience()).isEqualTo("payments-sandbox");
        assertThat(sandbox.maxTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(sandbox.claims()).containsExactly(Map.entry("env", (Object) "sandbox"));
        SandboxPolicy staged = p.sandbox("staging-sandbox").orElseThrow();
        assertThat(staged.scope()).isEqualTo(new ScopeId("payments", "staging"));
        assertThat(staged.audience()).isEqualTo("payments-staging-sandbox");
        assertThat(staged.claims()).isEmpty();
    }

    @Test
    void scopeAdditionsHaveDefaults() {
        ScopePolicy prod = PolicyLoader.parse("policy.yaml", GOOD).scope(new ScopeId("payments", "prod")).orElseThrow();
        assertThat(prod.reviewSla()).isEqualTo(Duration.ofHours(4));
        assertThat(prod.requestTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(prod.justification()).isEqualTo(JustificationRule.ANY);
        assertThat(prod.autoApprove().getFirst().name()).isEqualTo("payments/prod auto-approve payments-dev up to 15m");
        assertThat(PolicyLoader.parse("policy.yaml", GOOD).sandboxes()).isEmpty();
    }

    @Test
    void justificationReviewSlaAndRequestTtlAreRead() {
        String text = GOOD.replace("    maxRequest: 1h\n", """
                    maxRequest: 1h
                    reviewSla: 1h
                    requestTtl: 2h
                    justification:
                      minLength: 12
                      pattern: "^[A-Z]+-[0-9]+"
                      hint: a ticket like PAY-123
                """).replace("  - groups: [payments-dev]", "  - name: short\n        groups: [payments-dev]");
        ScopePolicy prod = PolicyLoader.parse("policy.yaml", text).scope(new ScopeId("payments", "prod")).orElseThrow();
        assertThat(prod.reviewSla()).isEqualTo(Duration.ofHours(1));
        assertThat(prod.requestTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(prod.autoApprove().getFirst().name()).isEqualTo("short");
        JustificationRule rule = prod.justification();
        assertThat(rule.problem("PAY-123 refund check")).isEmpty();
        assertThat(rule.problem("refund check PAY-123")).get().asString()
                .contains("must match").contains("a ticket like PAY-123");
        assertThat(rule.problem("PAY-1 x")).get().asString().contains("at least 12 characters");
        assertThat(rule.problem("  ")).get().asString().contains("say why");
    }

    @Test
    void everyClaimTheBrokerSetsIsRefusedAsAnExtraClaim() {
        for (String claim : SandboxPolicy.RESERVED_CLAIMS) {
            assertError(WITH_SANDBOX.replace("      env: sandbox", "      " + claim + ": other"), 22,
                    "sandboxes.prod-sandbox.claims." + claim);
        }
        assertThatThrownBy(() -> new SandboxPolicy("s", new ScopeId("payments", "prod"), "a", Duration.ofMinutes(1),
                Map.of("preferred_username", "mallory")))
                .as("a policy built in code cannot smuggle one past the file's check")
                .hasMessageContaining("the broker sets the claim 'preferred_username' itself");
    }

    @Test
    void sandboxesReadWhole() {
        SandboxPolicy s = PolicyLoader.parse("policy.yaml", WITH_SANDBOX).sandbox("prod-sandbox").orElseThrow();
        assertThat(s.audience()).isEqualTo("payments-sandbox");
        assertThat(s.maxTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.claims()).containsEntry("env", "sandbox").containsEntry("tier", 2L).containsEntry("live", false);
    }

    @Test
    void additionMistakesAreFoundWithTheirLines() {
        // GOOD has 15 lines; the sandbox block starts on line 16.
        assertError(WITH_SANDBOX.replace("scope: payments/prod", "scope: billing/prod"), 18, "sandboxes.prod-sandbox.scope");
        assertError(WITH_SANDBOX.replace("scope: payments/prod", "scope: billing"), 18, "sandboxes.prod-sandbox.scope");
        assertError(WITH_SANDBOX.replace("maxTtl: 15m", "maxTtl: 2d"), 20, "sandboxes.prod-sandbox.maxTtl");
        assertError(WITH_SANDBOX.replace("      env: sandbox", "      aud: other"), 22, "sandboxes.prod-sandbox.claims.aud");
        assertError(WITH_SANDBOX.replace("    audience:", "    audiense:"), 19, "sandboxes.prod-sandbox.audiense");
        assertError(WITH_SANDBOX.replace("    maxTtl: 15m\n", ""), 18, "sandboxes.prod-sandbox.maxTtl");
        assertError(WITH_SANDBOX.replace("  prod-sandbox:", "  Prod Sandbox:"), 17, "sandboxes.Prod Sandbox");
        assertError(GOOD.replace("    maxRequest: 1h\n", "    maxRequest: 1h\n    requestTtl: soon\n"), 8,
                "scopes.payments/prod.requestTtl");
        assertError(GOOD.replace("    maxRequest: 1h\n", "    maxRequest: 1h\n    justification: {minLength: ten}\n"), 8,
                "scopes.payments/prod.justification.minLength");
        assertError(GOOD.replace("    maxRequest: 1h\n", "    maxRequest: 1h\n    justification: {pattern: \"[\"}\n"), 8,
                "scopes.payments/prod.justification.pattern");
        assertError(GOOD.replace("    maxRequest: 1h\n", "    maxRequest: 1h\n    justification: {minLenght: 3}\n"), 8,
                "scopes.payments/prod.justification.minLenght");
        String twoRules = GOOD.replace("        upTo: 15m\n", """
                        upTo: 15m
                      - groups: [payments-dev]
                        upTo: 15m
                """);
        assertError(twoRules, 11, "scopes.payments/prod.autoApprove[1].name");
    }

    @Test
    void anEmptyFileIsAnError() {
        assertThatThrownBy(() -> PolicyLoader.parse("empty.yaml", ""))
                .hasMessageContaining("empty.yaml:1").hasMessageContaining("empty");
    }

    @Test
    void durationsTakeTheSharedGrammarCompoundAndIso() {
        assertThat(PolicyLoader.parse("policy.yaml", GOOD.replace("maxRequest: 1h", "maxRequest: 1h30m"))
                .scope(new ScopeId("payments", "prod")).orElseThrow().maxRequest()).contains(Duration.ofMinutes(90));
        assertThat(PolicyLoader.parse("policy.yaml", GOOD.replace("maxRequest: 1h", "maxRequest: PT2H"))
                .scope(new ScopeId("payments", "prod")).orElseThrow().maxRequest()).contains(Duration.ofHours(2));
        assertThatThrownBy(() -> PolicyLoader.parse("policy.yaml", GOOD.replace("maxRequest: 1h", "maxRequest: 0s")))
                .hasMessageContaining("'0s' lasts nothing");
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
