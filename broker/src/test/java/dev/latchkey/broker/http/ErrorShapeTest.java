package dev.latchkey.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.TestBroker;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every error has one JSON shape, the right status, and nothing internal in it. */
class ErrorShapeTest {

    @RegisterExtension
    static final TestBroker BROKER = TestBroker.at(Instant.parse("2026-11-28T10:00:00Z")).build();

    @Test
    void anUnknownPathIsAJson404() {
        Api.Answer answer = BROKER.api().get("/v1/nothing-here", BROKER.issuer().token("ada", "payments-dev"));
        assertShape(answer, 404, "not_found");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String huge = "{\"refs\":[\"" + "a".repeat((int) ErrorHandling.MAX_REQUEST_BYTES + 10) + "\"]}";
        // The broker refuses from Content-Length alone and never reads such a body: it answers 413 and
        // closes, and a connection closed with unread bytes is reset. A client still writing the body
        // then fails on its own write ("Broken pipe") and never looks at the answer that came. A
        // client that asks first (Expect: 100-continue) reads the 413 before it sends any of it.
        // (HostileInputTest sends the same refusal's headers alone over a raw socket.)
        Api.Answer answer = BROKER.api().postAskingFirst("/v1/secrets:resolve", BROKER.issuer().token("ada", "payments-dev"), huge);
        assertShape(answer, 413, "payload_too_large");
    }

    @Test
    void malformedJsonIs400WithoutEchoingTheInput() {
        String body = "{\"refs\": [\"latchkey://payments/dev/db-url\", SECRET-ISH-INPUT";
        Api.Answer answer = BROKER.api().post("/v1/secrets:resolve", BROKER.issuer().token("ada", "payments-dev"), body);
        assertShape(answer, 400, "bad_request");
        assertThat(answer.body()).doesNotContain("SECRET-ISH-INPUT");
    }

    @Test
    void aValueTooLargeIsRefused() {
        String value = "v".repeat(ApiRoutes.MAX_VALUE_BYTES + 1);
        Api.Answer answer = BROKER.api().put("/v1/admin/secrets/payments/dev/big", BROKER.issuer().token("root", "latchkey-admins"),
                Api.json(Map.of("value", value)));
        assertShape(answer, 413, "value_too_large", "value");
    }

    @Test
    void aMalformedScopeIs400NamingThePart() {
        Api.Answer answer = BROKER.api().get("/v1/scopes/Pay%20ments/dev/secrets", BROKER.issuer().token("ada", "payments-dev"));
        assertShape(answer, 400, "invalid_request", "team");
    }

    @Test
    void theWellKnownDocumentNeedsNoToken() {
        Api.Answer answer = BROKER.api().get("/.well-known/latchkey", null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("issuer").asText()).isEqualTo(BROKER.issuer().issuer().toString());
        assertThat(answer.json().path("clientId").asText()).isEqualTo("latchkey");
        // offline_access only when the operator turns it on (--offline-access) and the IdP lists it.
        assertThat(answer.json().path("scopes").asText()).isEqualTo("openid profile email");
        assertThat(answer.json().path("brokerVersion").asText()).isNotBlank();
    }

    private static void assertShape(Api.Answer answer, int status, String code) {
        assertShape(answer, status, code, null);
    }

    private static void assertShape(Api.Answer answer, int status, String code, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().path("error").asText()).isEqualTo(code);
        assertThat(answer.json().path("message").asText()).isNotBlank();
        if (field != null) {
            assertThat(answer.json().path("field").asText()).isEqualTo(field);
        }
        assertThat(answer.json().size()).isEqualTo(field == null ? 2 : 3);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(".java:");
    }
}
