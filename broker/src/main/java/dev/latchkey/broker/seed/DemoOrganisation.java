package dev.latchkey.broker.seed;

import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.policy.PolicyLoader;
import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.policy.ScopePolicy;
import dev.latchkey.broker.secrets.SecretVault;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Development mode's demo organisation: the policy in {@code dev-policy.yaml} and realistic fake
 * values for its secrets. None of these values opens anything real.
 */
public final class DemoOrganisation {

    /** The resource that holds the demo policy, also the example of the policy format. */
    public static final String POLICY_RESOURCE = "/dev/latchkey/broker/seed/dev-policy.yaml";
    /** The scope that {@link #seedBulk} fills for performance tests. */
    public static final ScopeId BULK_SCOPE = new ScopeId("perf", "bulk");

    private static final Map<String, String> VALUES = values();

    private DemoOrganisation() {
    }

    /** The demo policy; with {@code bulkSecrets > 0}, plus the bulk scope readable by payments-dev. */
    public static Policy policy(int bulkSecrets) {
        String text;
        try (InputStream in = DemoOrganisation.class.getResourceAsStream(POLICY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the broker jar lacks " + POLICY_RESOURCE);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Policy policy = PolicyLoader.parse("dev-policy.yaml (built in)", text);
        if (bulkSecrets > 0) {
            policy = policy.withScope(new ScopePolicy(BULK_SCOPE, "Generated secrets for performance tests",
                    Set.of(), Set.of("payments-dev"), Set.of(), Set.of(), Optional.empty(), List.of(), List.of()));
        }
        return policy;
    }

    /** Every demo value, by {@code team/env/name}. Tests use it to prove none is stored in clear. */
    public static Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("payments/dev/db-url", "postgresql://payments_app:dev-Kq83vLx2@127.0.0.1:5432/payments_dev");
        v.put("payments/dev/stripe-api-key", "sk_test_51Dev0nlyFakeKeyPaymentsA8f3K2m9Q");
        v.put("payments/dev/webhook-signing-secret", "whsec_devF4keS1gn1ngS3cretQ9x7");
        v.put("payments/dev/redis-url", "redis://:devRedisPw71@127.0.0.1:6379/2");
        v.put("payments/staging/db-url", "postgresql://payments_app:stg-Mw52nPz8@db.staging.example.internal:5432/payments");
        v.put("payments/staging/stripe-api-key", "sk_test_51StagingFakeKeyPaymentsZ2x8R4");
        v.put("payments/staging/sendgrid-api-key", "SG.stagingFakeKey.Xb71LmQ0pVn3");
        v.put("payments/prod/db-url", "postgresql://payments_ro:prd-Tz41qHc9@db-replica.prod.example.internal:5432/payments");
        v.put("payments/prod/stripe-api-key", "sk_live_51ProdFakeKeyNotRealPaymentsW7y2");
        v.put("payments/prod/pagerduty-routing-key", "R0UT1NGK3Yf4k3pr0dPaym3nts0001");
        v.put("search/dev/opensearch-url", "https://search_app:devOsPw64@127.0.0.1:9200");
        v.put("search/dev/embedding-api-key", "emb-dev-FAKE-3c9d2e71a4b8");
        v.put("search/dev/admin-password", "dev-Admin-Pw-Search-5512");
        return Map.copyOf(v);
    }

    /** Puts every demo value into {@code vault} as its first version. */
    public static void seed(SecretVault vault) {
        VALUES.forEach((key, value) -> {
            int slash = key.lastIndexOf('/');
            ScopeId scope = ScopeId.parse(key.substring(0, slash)).orElseThrow();
            vault.put(scope, key.substring(slash + 1), value, "seed");
        });
    }

    /** Puts {@code count} generated secrets into the bulk scope: {@code secret-00001}, ... */
    public static void seedBulk(SecretVault vault, int count) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            values.put(String.format("secret-%05d", i), "bulk-value-" + i);
            if (values.size() == 5_000 || i == count) {
                vault.putAllNew(BULK_SCOPE, values, "seed");
                values.clear();
            }
        }
    }
}
