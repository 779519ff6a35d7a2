package dev.latchkey.broker.exposures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.TestBroker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The leak guard's reports over real HTTP: counts by reference land in /metrics per scope, an
 * exposed secret is listed for rotation until a new version is stored, and bad reports get a
 * 400 naming the field.
 */
class ExposureReportsTest {

    @RegisterExtension
    final TestBroker broker = TestBroker.at(Instant.parse("2026-11-29T06:00:00Z")).build();

    String ada() {
        return broker.issuer().token("ada", "payments-dev");
    }

    String root() {
        return broker.issuer().token("root", "latchkey-admins");
    }

    static String report(String source, String ref, String kind, int count) {
        return "{\"source\":\"" + source + "\",\"exposures\":[{\"ref\":\"" + ref + "\",\"kind\":\"" + kind
                + "\",\"count\":" + count + "}]}";
    }

    @Test
    void aPreventedExposureIsCountedPerScopeInBothMetrics() {
        Api.Answer a = broker.api().post("/v1/exposures", ada(), report("pre-commit", "latchkey://payments/dev/db-url", "prevented", 2));

        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().path("recorded").asInt()).isEqualTo(1);
        assertThat(a.json().path("rotate")).isEmpty();
        assertThat(broker.api().get("/metrics", null).body())
                .contains("latchkey_exposures_prevented_total{scope=\"payments/dev\"} 1\n");
        JsonNode m = broker.api().get("/v1/metrics", root()).json();
        assertThat(m.path("exposuresPrevented").path("payments/dev").asLong()).isEqualTo(1);
        assertThat(m.path("exposures").isObject()).isTrue();
        assertThat(broker.api().get("/v1/exposures", ada()).json().path("dueForRotation")).isEmpty();
    }

    @Test
    void anExposedSecretIsDueForRotationUntilANewVersionIsStored() {
        Api.Answer a = broker.api().post("/v1/exposures", ada(), report("history", "latchkey://payments/dev/db-url", "exposed", 1));

        assertThat(a.json().path("rotate").get(0).path("message").asText()).startsWith("rotate latchkey://payments/dev/db-url");
        JsonNode due = broker.api().get("/v1/exposures", ada()).json().path("dueForRotation");
        assertThat(due).hasSize(1);
        assertThat(due.get(0).path("ref").asText()).isEqualTo("latchkey://payments/dev/db-url");
        assertThat(broker.api().get("/metrics", null).body()).contains("latchkey_exposures_total{scope=\"payments/dev\"} 1\n");

        broker.clock().advance(Duration.ofMinutes(5));
        assertThat(broker.api().put("/v1/admin/secrets/payments/dev/db-url", root(), "{\"value\":\"postgresql://new\"}").status())
                .isEqualTo(200);
        assertThat(broker.api().get("/v1/exposures", ada()).json().path("dueForRotation")).isEmpty();
    }

    @Test
    void aRefTheCallerCannotSeeIsIgnoredNotRecorded() {
        Api.Answer a = broker.api().post("/v1/exposures", ada(), report("pre-push", "latchkey://hr/prod/payroll-key", "prevented", 1));

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("recorded").asInt()).isZero();
        assertThat(a.json().path("ignored").get(0).path("ref").asText()).isEqualTo("latchkey://hr/prod/payroll-key");
        assertThat(broker.api().get("/metrics", null).body()).doesNotContain("hr/prod");
    }

    @Test
    void badReportsAreRefusedNamingTheField() {
        assertThat(broker.api().post("/v1/exposures", ada(), report("editor", "latchkey://payments/dev/db-url", "prevented", 1))
                .json().path("field").asText()).isEqualTo("source");
        assertThat(broker.api().post("/v1/exposures", ada(), report("scan", "latchkey://payments/dev/db-url", "leaked", 1))
                .json().path("field").asText()).isEqualTo("exposures");
        assertThat(broker.api().post("/v1/exposures", ada(), report("scan", "latchkey://payments/dev/db-url", "exposed", 0))
                .status()).isEqualTo(400);
        assertThat(broker.api().post("/v1/exposures", ada(), "{\"source\":\"scan\",\"exposures\":[]}").status()).isEqualTo(400);
        assertThat(broker.api().post("/v1/exposures", null, report("scan", "latchkey://payments/dev/db-url", "exposed", 1))
                .status()).isEqualTo(401);
    }
}
