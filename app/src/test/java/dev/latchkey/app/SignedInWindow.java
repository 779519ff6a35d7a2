package dev.latchkey.app;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Opens the app in the test's window on a broker where the test's sessions already hold someone's
 * sign-in: the app connects, finds the session and opens the signed-in pages, the way it does on
 * a restart with the session in the keychain.
 */
final class SignedInWindow {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private SignedInWindow() {
    }

    /** Starts the app on {@code broker}, in the light theme. */
    static LatchkeyApp open(FxRobot robot, AppServices services, URI broker) throws Exception {
        LatchkeyApp app = new LatchkeyApp(services,
                new LaunchOptions(LaunchOptions.Mode.BROKER, Optional.of(broker), Optional.of("light")));
        Stage stage = FxToolkit.registerPrimaryStage();
        robot.interact(() -> app.start(stage));
        return app;
    }

    /** What runs for the person signed in, once the app has opened their session. */
    static SignedInServices signedIn(LatchkeyApp app) {
        await().atMost(WAIT).until(() -> app.sessions().signedIn().isPresent());
        return app.sessions().signedIn().orElseThrow();
    }
}
