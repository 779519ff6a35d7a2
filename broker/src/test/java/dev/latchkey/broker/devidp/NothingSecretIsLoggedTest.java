package dev.latchkey.broker.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Security invariant: no code or token value reaches a log line. */
class NothingSecretIsLoggedTest {

    @Test
    void aWholeSignInLogsNoCodeOrToken() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.latchkey.broker.devidp");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        List<String> secrets = new ArrayList<>();
        try (DevIdpServer idp = new DevIdpServer()) {
            JsonNode started = idp.startDeviceFlow();
            secrets.add(started.get("device_code").asText());
            secrets.add(started.get("user_code").asText());
            secrets.add(started.get("user_code").asText().replace("-", ""));
            idp.poll(started.get("device_code").asText());
            idp.approve(started.get("user_code").asText(), "ada");
            idp.clock.advance(Duration.ofSeconds(1));
            JsonNode tokens = DevIdpServer.json(idp.poll(started.get("device_code").asText()));
            JsonNode refreshed = DevIdpServer.json(idp.refresh(tokens.get("refresh_token").asText()));
            idp.refresh(tokens.get("refresh_token").asText());
            for (JsonNode issued : List.of(tokens, refreshed)) {
                secrets.add(issued.get("access_token").asText());
                secrets.add(issued.get("refresh_token").asText());
                secrets.add(issued.get("id_token").asText());
            }
        } finally {
            logger.detachAppender(appender);
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
