package dev.latchkey.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.TestBroker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One resolve call for a whole launch, per-ref refusals, admin writes, and the chained audit log. */
class ResolveAndAuditTest {

    @RegisterExtension
    static final TestBroker BROKER = TestBroker.at(Instant.parse("2026-11-28T10:00:00Z")).config(c -> c.withBulkSecrets(60)).build();
    static String ada;
    static String root;

    @BeforeAll
    static void tokens() {
        ada = BROKER.issuer().token("ada", "payments-dev");
        root = BROKER.issuer().token("root", "latchkey-admins");
    }

    @Test
    void fiftyRefsResolveInOneCall() {
        List<String> refs = IntStream.rangeClosed(1, 50)
                .mapToObj(i -> String.format("latchkey://perf/bulk/secret-%05d", i)).toList();

        Api.Answer answer = BROKER.api().post("/v1/secrets:resolve", ada, Api.json(Map.of("refs", refs)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        JsonNode resolved = answer.json().path("resolved");
        assertThat(resolved).hasSize(50);
        assertThat(resolved.get(0).path("ref").asText()).isEqualTo(refs.getFirst());
        assertThat(resolved.get(0).path("value").asText()).isEqualTo("bulk-value-1");
        assertThat(resolved.get(49).path("value").asText()).isEqualTo("bulk-value-50");
        assertThat(answer.json().path("refused")).isEmpty();
    }

    @Test
    void refsTheCallerMayNotReadAreRefusedOneByOneBesideTheValues() {
        List<String> refs = List.of(
                "latchkey://payments/dev/db-url",
                "latchkey://payments/prod/db-url",
                "latchkey://search/dev/opensearch-url",
                "latchkey://payments/dev/no-such-secret",
                "latchkey://nowhere/dev/db-url",
                "not a ref");

        JsonNode body = BROKER.api().post("/v1/secrets:resolve", ada, Api.json(Map.of("refs", refs))).json();

        assertThat(body.path("resolved")).hasSize(1);
        Map<String, String> reasons = new HashMap<>();
        body.path("refused").forEach(r -> reasons.put(r.path("ref").asText(), r.path("reason").asText()));
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                "latchkey://payments/prod/db-url", "request_needed",
                "latchkey://search/dev/opensearch-url", "no_access",
                "latchkey://payments/dev/no-such-secret", "unknown",
                "latchkey://nowhere/dev/db-url", "unknown",
                "not a ref", "invalid_ref"));
        body.path("refused").forEach(r -> assertThat(r.path("message").asText()).isNotBlank());
    }

    @Test
    void refsOfSeveralScopesAnswerInTheirOrderEvenWhenRepeated() {
        List<String> refs = List.of(
                "latchkey://perf/bulk/secret-00002",
                "latchkey://payments/dev/db-url",
                "latchkey://perf/bulk/secret-00001",
                "latchkey://payments/dev/no-such-secret",
                "latchkey://perf/bulk/secret-00002");

        JsonNode body = BROKER.api().post("/v1/secrets:resolve", ada, Api.json(Map.of("refs", refs))).json();

        List<String> order = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        body.path("resolved").forEach(r -> {
            order.add(r.path("ref").asText());
            answered.add(r.path("value").asText());
        });
        assertThat(order).containsExactly(refs.get(0), refs.get(1), refs.get(2), refs.get(4));
        assertThat(answered).containsExactly("bulk-value-2", DemoOrganisation.values().get("payments/dev/db-url"),
                "bulk-value-1", "bulk-value-2");
        assertThat(body.path("refused")).hasSize(1);
        assertThat(body.path("refused").get(0).path("ref").asText()).isEqualTo(refs.get(3));
        assertThat(body.path("refused").get(0).path("reason").asText()).isEqualTo("unknown");
    }

    @Test
    void aFieldOfAJsonValueResolvesAlone() {
        Api.Answer put = BROKER.api().put("/v1/admin/secrets/payments/dev/db-login", root,
                Api.json(Map.of("value", "{\"user\":\"app\",\"password\":\"pw-123\"}")));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode body = BROKER.api().post("/v1/secrets:resolve", ada, Api.json(Map.of("refs",
                List.of("latchkey://payments/dev/db-login#password", "latchkey://payments/dev/db-login#nope")))).json();
        assertThat(body.path("resolved").get(0).path("value").asText()).isEqualTo("pw-123");
        assertThat(body.path("refused").get(0).path("reason").asText()).isEqualTo("unknown");
    }

    @Test
    void anAdminPutAddsAVersionThatReadersGetNext() {
        Api.Answer put = BROKER.api().put("/v1/admin/secrets/payments/dev/redis-url", root,
                Api.json(Map.of("value", "redis://:rotated@127.0.0.1:6379/2")));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("version").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(put.body()).doesNotContain("rotated@");

        JsonNode r = BROKER.api().post("/v1/secrets:resolve", ada,
                Api.json(Map.of("refs", List.of("latchkey://payments/dev/redis-url")))).json();
        assertThat(r.path("resolved").get(0).path("value").asText()).isEqualTo("redis://:rotated@127.0.0.1:6379/2");
        assertThat(r.path("resolved").get(0).path("version").asInt()).isEqualTo(put.json().path("version").asInt());
    }

    @Test
    void onlyAdminsWriteSecretsAndReadTheAuditLog() {
        assertThat(BROKER.api().put("/v1/admin/secrets/payments/dev/db-url", ada, Api.json(Map.of("value", "x"))).status())
                .isEqualTo(403);
        assertThat(BROKER.api().get("/v1/audit", ada).status()).isEqualTo(403);
        assertThat(BROKER.api().post("/v1/admin/policy:reload", ada, "").status()).isEqualTo(403);
        assertThat(BROKER.api().put("/v1/admin/secrets/billing/dev/x", root, Api.json(Map.of("value", "x"))).status())
                .isEqualTo(404);
    }

    @Test
    void everyResolvedRefIsAuditedAndTheRowsAreChained() {
        String linus = BROKER.issuer().token("linus", "search-dev");
        BROKER.api().post("/v1/secrets:resolve", linus, Api.json(Map.of("refs",
                List.of("latchkey://search/dev/opensearch-url", "latchkey://payments/dev/db-url"))));

        List<JsonNode> rows = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = BROKER.api().get("/v1/audit?after=" + after + "&limit=100", root).json();
            page.path("entries").forEach(rows::add);
            if (page.path("entries").isEmpty()) {
                break;
            }
            after = page.path("next").asLong();
        }

        List<JsonNode> linusRows = rows.stream().filter(r -> r.path("actor").asText().equals("sub-linus")).toList();
        assertThat(linusRows).extracting(r -> r.path("target").asText() + " " + r.path("outcome").asText())
                .containsExactly("latchkey://search/dev/opensearch-url ok", "latchkey://payments/dev/db-url no_access");
        assertThat(linusRows.getFirst().path("action").asText()).isEqualTo("secret.resolve");
        assertThat(linusRows.getFirst().path("client").asText()).startsWith("latchkey@");
        String prev = "0".repeat(64);
        for (JsonNode row : rows) {
            assertThat(row.path("prevHash").asText()).as("row %s", row.path("seq")).isEqualTo(prev);
            prev = row.path("hash").asText();
        }
        String allRows = rows.toString();
        DemoOrganisation.values().values().forEach(v -> assertThat(allRows).doesNotContain(v));
    }

    @Test
    void tooManyRefsOrAnEmptyListAreRefusedWhole() {
        List<String> many = IntStream.range(0, 1_001).mapToObj(i -> "latchkey://perf/bulk/secret-00001").toList();
        Api.Answer tooMany = BROKER.api().post("/v1/secrets:resolve", ada, Api.json(Map.of("refs", many)));
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().path("error").asText()).isEqualTo("too_many_refs");
        Api.Answer none = BROKER.api().post("/v1/secrets:resolve", ada, "{\"refs\":[]}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(none.json().path("field").asText()).isEqualTo("refs");
    }
}
