package dev.latchkey.app;

import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.FxScheduler;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window at 1024x640 in the top-left corner, opened on a broker's sign-in screen with
 * folders of a test's own, and the dev IdP's approval a person would give in a browser.
 */
final class SignInWindow {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private SignInWindow() {
    }

    /** The app on {@code broker}'s sign-in screen, once its code shows. */
    static LatchkeyApp open(FxRobot robot, URI broker, LocalFolders folders, TestSessions sessions)
            throws Exception {
        LatchkeyApp app = new LatchkeyApp(new AppServices(new FxTaskRunner(), new FxScheduler(Clock.systemDefaultZone()),
                BrokerProbe.overHttp(), sessions.sessions(), folders),
                new LaunchOptions(LaunchOptions.Mode.BROKER, Optional.of(broker), Optional.of("light")));
        Stage stage = FxToolkit.registerPrimaryStage();
        robot.interact(() -> {
            app.start(stage);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1024);
            stage.setHeight(640);
        });
        await().atMost(WAIT).until(() -> !userCode(robot).isEmpty());
        return app;
    }

    /** {@code user} approves the code the window shows, on the dev IdP's form. */
    static void approve(FxRobot robot, URI broker, String user) throws Exception {
        DevSignIn.approve(broker, userCode(robot), user);
    }

    /** Scrolls Settings to its end, where its later sections are at 1024x640, as a person would. */
    static void scrollSettingsToEnd(FxRobot robot) {
        robot.interact(() -> {
            Node n = robot.lookup("#settings").query();
            while (n != null && !(n instanceof ScrollPane)) {
                n = n.getParent();
            }
            ((ScrollPane) n).setVvalue(((ScrollPane) n).getVmax());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String userCode(FxRobot robot) {
        return robot.lookup("#user-code").tryQueryAs(Label.class).map(Label::getText).orElse("");
    }
}
