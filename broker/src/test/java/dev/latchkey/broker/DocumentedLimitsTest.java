package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.http.ErrorHandling;
import dev.latchkey.broker.http.EventRoutes;
import dev.latchkey.broker.server.ServerLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The numbers the docs give for the server's behaviour are the numbers the code uses. */
class DocumentedLimitsTest {

    static final String GUIDE = read("docs/broker.md");
    static final String API = read("docs/broker-api.yaml");

    @Test
    void theKeepAliveIntervalIsTheOneBothDocumentsGive() {
        long seconds = EventRoutes.KEEP_ALIVE.toSeconds();
        assertThat(number(GUIDE, "keep-alive` comment every (\\d+) s")).isEqualTo(seconds);
        assertThat(number(API, "keep-alive` comment every (\\d+) s")).isEqualTo(seconds);
    }

    @Test
    void theRequestDeadlinesAndConnectionCapAreTheDefaults() {
        ServerLimits limits = ServerLimits.DEFAULTS;
        assertThat(number(API, "must arrive within (\\d+) s")).isEqualTo(limits.requestRead().toSeconds());
        assertThat(number(API, "no pause over (\\d+) s")).isEqualTo(limits.requestStall().toSeconds());
        assertThat(number(API, "may hold (\\d+)\\s+connections at once")).isEqualTo(limits.connectionsPerAddress());
        assertThat(number(GUIDE, "must arrive within (\\d+) s")).isEqualTo(limits.requestRead().toSeconds());
        assertThat(number(GUIDE, "may hold (\\d+)\\s+connections at once")).isEqualTo(limits.connectionsPerAddress());
    }

    @Test
    void theBodyLimitIsTheOneBothDocumentsGive() {
        long kib = ErrorHandling.MAX_REQUEST_BYTES / 1024;
        assertThat(number(API, "at most\\s+(\\d+) KiB \\(else 413\\)")).isEqualTo(kib);
        assertThat(number(GUIDE, "Request bodies are limited to (\\d+) KiB")).isEqualTo(kib);
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("the docs say /%s/", regex).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String read(String relative) {
        try {
            return Files.readString(OpenApiRoutesTest.locate(relative));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
