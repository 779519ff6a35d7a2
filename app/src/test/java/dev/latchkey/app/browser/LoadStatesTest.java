package dev.latchkey.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.DevSignIn;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.MemoryClipboard;
import dev.latchkey.app.common.QueuedTaskRunner;
import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.core.brokerapi.BrokerClient;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** "Loading …" and "nothing here" are different words, against a real development broker. */
class LoadStatesTest {

    private static RunningBroker broker;
    private static String adaToken;

    private final QueuedTaskRunner tasks = new QueuedTaskRunner();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = LatchkeyBroker.start(BrokerConfig.dev());
        adaToken = DevSignIn.accessToken(broker.url(), "ada");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private SecretsBrowserViewModel model(URI url) {
        return new SecretsBrowserViewModel(tasks, new ManualScheduler(Instant.parse("2026-11-29T10:00:00Z")),
                BrowserBackend.over(new BrokerClient(url, () -> adaToken)), new MemoryClipboard());
    }

    @Test
    void whileLoadingItSaysLoadingNeverNoSecrets() {
        SecretsBrowserViewModel model = model(broker.url());
        model.load();
        assertThat(LoadStates.placeholderText(model)).isEqualTo("Loading secrets …");
        model.filterProperty().set("stripe");
        assertThat(LoadStates.placeholderText(model)).as("a filter typed while loading is no empty result")
                .isEqualTo("Loading secrets …");

        while (tasks.waiting() > 0) {
            tasks.finish(0);
        }
        model.filterProperty().set("no-such-secret-anywhere");
        assertThat(model.rows()).isEmpty();
        assertThat(LoadStates.placeholderText(model)).isEqualTo("No secret matches \u201cno-such-secret-anywhere\u201d.");
    }

    @Test
    void aFailedLoadSaysSoNotEmpty() {
        SecretsBrowserViewModel model = model(URI.create("http://127.0.0.1:1"));
        model.load();
        while (tasks.waiting() > 0) {
            tasks.finish(0);
        }
        assertThat(LoadStates.placeholderText(model)).isEqualTo("Secrets could not be loaded. See the message on the left.");
    }
}
