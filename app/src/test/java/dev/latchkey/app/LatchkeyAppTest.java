package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.FxScheduler;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.Theme;
import dev.latchkey.app.tray.TraySupport;
import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** Drives the real app window under a real X server, against real brokers on loopback. */
@ExtendWith(ApplicationExtension.class)
class LatchkeyAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private LatchkeyApp app;

    private LatchkeyApp open(FxRobot robot, LaunchOptions options) throws Exception {
        app = new LatchkeyApp(new AppServices(new FxTaskRunner(), new FxScheduler(Clock.systemUTC()),
                BrokerProbe.overHttp()), options);
        Stage stage = FxToolkit.registerPrimaryStage();
        robot.interact(() -> app.start(stage));
        return app;
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        if (app != null) {
            robot.interact(app::stop);
        }
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQueryAs(Label.class).map(Label::getText).orElse("");
    }

    @Test
    void withoutArgumentsTheAppOpensOnTheEmbeddedDemoBroker(FxRobot robot) throws Exception {
        open(robot, LaunchOptions.parse(java.util.List.of()));
        await().atMost(WAIT).until(() -> text(robot, "#broker-url").startsWith("http://127.0.0.1:"));
        assertThat(app.window().stage().getTitle()).contains("Latchkey");
        assertThat(text(robot, "#demo-users")).contains("ada").contains("grace");
        assertThat(text(robot, "#status")).startsWith("Demo broker (development mode) at http://127.0.0.1:");
    }

    @Test
    void theWelcomeScreenChecksABrokerUrlLiveAndConnects(FxRobot robot) throws Exception {
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            open(robot, new LaunchOptions(LaunchOptions.Mode.WELCOME, Optional.empty(), Optional.of("light")));
            robot.clickOn("#broker-url-field").write("http://example.com");
            await().atMost(WAIT).until(() -> text(robot, "#url-status").contains("must use https"));

            robot.doubleClickOn("#broker-url-field").eraseText(40).write("http://127.0.0.1:1");
            await().atMost(WAIT).until(() -> text(robot, "#url-status").startsWith("Cannot reach the broker"));

            robot.interact(() -> robot.lookup("#broker-url-field").queryTextInputControl().clear());
            robot.clickOn("#broker-url-field").write(broker.url().toString());
            await().atMost(WAIT).until(() -> text(robot, "#url-status").startsWith("Found a Latchkey broker"));
            robot.clickOn("#connect");
            await().atMost(WAIT).until(() -> text(robot, "#broker-url").equals(broker.url().toString()));
            assertThat(robot.lookup("#demo-users").tryQuery()).isEmpty();
        }
    }

    @Test
    void theThemeSwitchesBetweenLightAndDark(FxRobot robot) throws Exception {
        open(robot, new LaunchOptions(LaunchOptions.Mode.WELCOME, Optional.empty(), Optional.of("light")));
        assertThat(app.window().theme()).isEqualTo(Theme.LIGHT);
        robot.clickOn("#theme-switch");
        assertThat(app.window().theme()).isEqualTo(Theme.DARK);
        assertThat(app.window().stage().getScene().getRoot().getStyleClass()).contains("theme-dark");
    }

    @Test
    void withoutATrayTheWindowSaysOnceWhy(FxRobot robot) throws Exception {
        open(robot, new LaunchOptions(LaunchOptions.Mode.WELCOME, Optional.empty(), Optional.empty()));
        if (!TraySupport.isSupported()) {
            await().atMost(WAIT).until(() -> app.banner().notices().stream()
                    .filter(n -> n.key().equals(TraySupport.NO_TRAY_KEY)).count() == 1);
            assertThat(robot.lookup("#notice-no-tray").tryQuery()).isPresent();
        }
    }
}
