package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.TestBroker;
import dev.latchkey.broker.testing.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Security invariant: the broker's log names refs and outcomes, never a value or a token. */
class NoValueOrTokenIsLoggedTest {

    @Test
    void aBusySessionLogsNoValueAndNoToken() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        List<String> secrets = new ArrayList<>(DemoOrganisation.values().values());
        try (TestBroker broker = TestBroker.at(Instant.parse("2026-11-28T10:00:00Z")).start()) {
            TestIssuer issuer = broker.issuer();
            Api api = broker.api();
            String ada = issuer.token("ada", "payments-dev");
            String rootToken = issuer.token("root", "latchkey-admins");
            String expired = issuer.token(issuer.signingKey(),
                    b -> b.expirationTime(Date.from(broker.clock().instant().minus(Duration.ofHours(1)))), "ada", "payments-dev");
            String forged = issuer.token(TestIssuer.newKey("key-1"), b -> b, "root", "latchkey-admins");
            secrets.addAll(List.of(ada, rootToken, expired, forged, "new-value-Zq81", "SECRET-IN-BAD-JSON"));

            api.post("/v1/secrets:resolve", ada, Api.json(Map.of("refs", DemoOrganisation.values().keySet().stream()
                    .map(k -> "latchkey://" + k).toList())));
            api.get("/v1/me", expired);
            api.get("/v1/me", forged);
            api.put("/v1/admin/secrets/payments/dev/db-url", rootToken, Api.json(Map.of("value", "new-value-Zq81")));
            api.post("/v1/secrets:resolve", ada, "{\"refs\": [SECRET-IN-BAD-JSON");
            api.put("/v1/admin/secrets/payments/dev/db-url", rootToken, "{\"value\": SECRET-IN-BAD-JSON");
        } finally {
            root.detachAppender(appender);
        }

        assertThat(appender.list).isNotEmpty();
        for (ILoggingEvent event : appender.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        }
    }
}
