package dev.latchkey.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.TestBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /v1/metrics and GET /metrics count what real calls did: requests filed, auto-approved,
 * approved, denied and cancelled through the API, sandbox tokens minted and introspected.
 */
class MetricsOverHttpTest {

    @RegisterExtension
    final TestBroker broker = TestBroker.at(Instant.parse("2026-11-29T06:00:00Z")).build();
    final List<String> secrets = new ArrayList<>();

    /** Fresh tokens on each call: the test moves the clock past an hour-long token's end. */
    String token(String user, String... groups) {
        String token = broker.issuer().token(user, groups);
        secrets.add(token);
        return token;
    }

    String ada() {
        return token("ada", "payments-dev");
    }

    String grace() {
        return token("grace", "payments-dev", "payments-leads");
    }

    String root() {
        return token("root", "latchkey-admins");
    }

    String request(String scope, String duration, String justification) {
        return request(Map.of("scope", scope, "duration", duration, "justification", justification));
    }

    String request(Map<String, Object> body) {
        Api.Answer a = broker.api().post("/v1/access-requests", ada(), Api.json(body));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().path("id").asText();
    }

    void decide(String id, String verb, String token, String reason) {
        Api.Answer a = broker.api().post("/v1/access-requests/" + id + ":" + verb, token,
                reason == null ? "{}" : Api.json(Map.of("reason", reason)));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
    }

    @Test
    void bothFormsCountWhatTheApiDid() {
        Api.Answer before = broker.api().get("/v1/metrics", root());
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().path("decidedWithinSla").isNull()).isTrue();
        assertThat(before.json().path("decisionSeconds").path("p50").isNull()).isTrue();

        String auto = request("payments/staging", "1h", "PAY-1 check the staging refunds");
        // From when the auto-approved hour ends: a grant never overlaps another of the same person.
        String reviewed = request(Map.of("scope", "payments/staging", "duration", "6h", "justification",
                "PAY-2 load test of the refunds", "startAt", broker.clock().instant().plus(Duration.ofHours(1)).toString()));
        broker.clock().advance(Duration.ofMinutes(30));
        decide(reviewed, "approve", grace(), "fine");
        String denied = request("payments/prod", "1h", "PAY-3 look at a live refund");
        broker.clock().advance(Duration.ofHours(2));
        decide(denied, "deny", grace(), "use staging for that");
        String cancelled = request("payments/prod", "1h", "PAY-4 changed my mind later");
        decide(cancelled, "cancel", ada(), null);
        request("payments/prod", "30m", "PAY-5 still waiting for this");
        for (int i = 0; i < 2; i++) {
            Api.Answer minted = broker.api().post("/v1/sandbox-tokens", ada(), Api.json(Map.of("sandbox", "payments-sandbox")));
            assertThat(minted.status()).as(minted.body()).isEqualTo(201);
            secrets.add(minted.json().path("token").asText());
        }
        String minted = secrets.getLast();
        broker.api().postForm("/v1/introspect", grace(), Map.of("token", minted));
        assertThat(auto).isNotBlank();

        JsonNode json = broker.api().get("/v1/metrics", root()).json();
        assertThat(json.path("requests").toString()).isEqualTo(
                "{\"pending\":1,\"approved\":2,\"denied\":1,\"cancelled\":1,\"expired\":0,\"revoked\":0}");
        assertThat(json.path("autoApproved").asLong()).isEqualTo(1);
        // Reviewer decisions only: 30 min (approve) and 2 h (deny); the auto-approval is left out.
        assertThat(json.path("decisionSeconds").path("p50").asDouble()).isEqualTo(1800);
        assertThat(json.path("decisionSeconds").path("p95").asDouble()).isEqualTo(7200);
        // staging's SLA is 4h (30 min: within), prod's 1h (2 h: missed).
        assertThat(json.path("decidedWithinSla").asDouble()).isEqualTo(0.5);
        // The 1h auto-approved grant ended during the 2h30 the clock moved; the 6h one holds.
        assertThat(json.path("activeGrants").asLong()).isEqualTo(1);
        assertThat(json.path("tokensMinted").asLong()).isEqualTo(2);
        assertThat(json.path("introspections").asLong()).isEqualTo(1);

        Api.Answer scrape = broker.api().get("/metrics", null);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        Map<String, Double> samples = parsePrometheus(scrape.body());
        assertThat(samples).containsEntry("latchkey_access_requests_total{outcome=\"approved\"}", 2.0)
                .containsEntry("latchkey_access_requests_total{outcome=\"pending\"}", 1.0)
                .containsEntry("latchkey_access_requests_total{outcome=\"denied\"}", 1.0)
                .containsEntry("latchkey_access_requests_total{outcome=\"cancelled\"}", 1.0)
                .containsEntry("latchkey_access_requests_total{outcome=\"expired\"}", 0.0)
                .containsEntry("latchkey_access_requests_total{outcome=\"revoked\"}", 0.0)
                .containsEntry("latchkey_request_decision_seconds{quantile=\"0.5\"}", 1800.0)
                .containsEntry("latchkey_request_decision_seconds{quantile=\"0.95\"}", 7200.0)
                .containsEntry("latchkey_requests_decided_within_sla_ratio", 0.5)
                .containsEntry("latchkey_active_grants", 1.0)
                .containsEntry("latchkey_sandbox_tokens_minted_total", 2.0)
                .containsEntry("latchkey_introspections_total", 1.0);

        for (String text : List.of(json.toString(), scrape.body())) {
            assertThat(text).doesNotContain("ada", "grace", "payments", "PAY-", "staging", "refund");
            secrets.forEach(s -> assertThat(text).doesNotContain(s));
        }
    }

    @Test
    void theJsonFormIsForAdminsOnlyAndNeedsAToken() {
        assertThat(broker.api().get("/v1/metrics", ada()).status()).isEqualTo(403);
        assertThat(broker.api().get("/v1/metrics", null).status()).isEqualTo(401);
    }

    @Test
    void anEmptyBrokerScrapesAsNaNWhereThereIsNothingToMeasure() {
        Map<String, Double> samples = parsePrometheus(broker.api().get("/metrics", null).body());
        assertThat(samples.get("latchkey_request_decision_seconds{quantile=\"0.5\"}")).isNaN();
        assertThat(samples.get("latchkey_requests_decided_within_sla_ratio")).isNaN();
        assertThat(samples).containsEntry("latchkey_request_decision_seconds_count", 0.0)
                .containsEntry("latchkey_active_grants", 0.0);
    }

    static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-z_]+=\"[^\"]*\"})? (\\S+)");

    /**
     * Parses text format 0.0.4 strictly enough to catch mistakes: every sample's family has a
     * HELP and a TYPE line before it, each once, with a known type.
     */
    static Map<String, Double> parsePrometheus(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Set<String> helped = new HashSet<>();
        Map<String, String> typed = new LinkedHashMap<>();
        assertThat(text).endsWith("\n");
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                assertThat(helped.add(line.split(" ")[2])).as("one HELP per family: %s", line).isTrue();
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertThat(parts).hasSize(4);
                assertThat(parts[3]).isIn("counter", "gauge", "summary", "histogram", "untyped");
                assertThat(typed.put(parts[2], parts[3])).as("one TYPE per family: %s", line).isNull();
            } else {
                Matcher m = SAMPLE.matcher(line);
                assertThat(m.matches()).as("a sample line: %s", line).isTrue();
                String name = m.group(1);
                String family = typed.containsKey(name) ? name : name.replaceAll("_(sum|count)$", "");
                assertThat(typed).as("TYPE before %s", line).containsKey(family);
                assertThat(helped).as("HELP before %s", line).contains(family);
                samples.put(name + (m.group(2) == null ? "" : m.group(2)), Double.valueOf(m.group(3)));
            }
        }
        return samples;
    }
}
