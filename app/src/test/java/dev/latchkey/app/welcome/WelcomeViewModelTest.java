package dev.latchkey.app.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.Connection;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.core.brokerapi.BrokerInfo;
import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WelcomeViewModelTest {

    private static final BrokerInfo INFO = new BrokerInfo("http://127.0.0.1:1/dev-idp", "latchkey", "openid", "1.2.3");

    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-29T10:00:00Z"));
    private final List<URI> probed = new ArrayList<>();
    private final List<Connection> connected = new ArrayList<>();

    private WelcomeViewModel model(BrokerProbe probe, DemoStarter demo) {
        return new WelcomeViewModel(new SameThreadTaskRunner(), scheduler, url -> {
            probed.add(url);
            return probe.probe(url);
        }, demo, connected::add);
    }

    private WelcomeViewModel model(BrokerProbe probe) {
        return model(probe, () -> URI.create("http://127.0.0.1:9"));
    }

    @Test
    void aUrlIsCheckedOnceTypingPauses() {
        WelcomeViewModel model = model(url -> INFO);
        model.urlProperty().set("http://127.0.0.1:8");
        model.urlProperty().set("http://127.0.0.1:80");
        scheduler.advance(Duration.ofMillis(399));
        assertThat(probed).isEmpty();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(probed).containsExactly(URI.create("http://127.0.0.1:80"));
        assertThat(model.checkProperty().get()).isInstanceOf(UrlCheck.Reachable.class);
        assertThat(connected).isEmpty();
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedWithoutAsking() {
        WelcomeViewModel model = model(url -> INFO);
        model.urlProperty().set("http://broker.example.com");
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(probed).isEmpty();
        assertThat(model.checkProperty().get()).isInstanceOfSatisfying(UrlCheck.Malformed.class,
                m -> assertThat(m.why()).contains("must use https"));
    }

    @Test
    void aBrokerThatDoesNotAnswerSaysWhatToCheck() {
        WelcomeViewModel model = model(url -> {
            throw new BrokerUnreachableException("cannot reach the broker at " + url + " (ConnectException)", null);
        });
        model.urlProperty().set("https://latchkey.example.com");
        model.connect();
        assertThat(connected).isEmpty();
        assertThat(model.checkProperty().get()).isInstanceOfSatisfying(UrlCheck.Unreachable.class,
                u -> assertThat(u.why()).startsWith("Cannot reach the broker at https://latchkey.example.com")
                        .contains("Check the URL"));
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void connectingToAReachableBrokerHandsOverTheConnection() {
        WelcomeViewModel model = model(url -> INFO);
        model.urlProperty().set("https://latchkey.example.com/");
        model.connect();
        assertThat(connected).containsExactly(new Connection(URI.create("https://latchkey.example.com"), INFO, false));
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void theDemoConnectsToWhereItStarted() {
        WelcomeViewModel model = model(url -> INFO, () -> URI.create("http://127.0.0.1:4242"));
        model.tryDemo();
        assertThat(connected).containsExactly(new Connection(URI.create("http://127.0.0.1:4242"), INFO, true));
        assertThat(model.demoErrorProperty().get()).isEmpty();
    }

    @Test
    void aDemoThatCannotStartSaysSoAndOffersTheOtherWay() {
        WelcomeViewModel model = model(url -> INFO, () -> {
            throw new IllegalArgumentException("port 0 is taken");
        });
        model.tryDemo();
        assertThat(connected).isEmpty();
        assertThat(model.demoErrorProperty().get()).contains("Port 0 is taken").contains("connect to your organisation");
        assertThat(model.busyProperty().get()).isFalse();
    }
}
