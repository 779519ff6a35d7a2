package dev.latchkey.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.Ellipses;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.Shots;
import dev.latchkey.app.common.Theme;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.core.Session;
import dev.latchkey.core.launch.BrokerSecretSource;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.LaunchProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import dev.latchkey.testsupport.broker.BrokerProcess;
import dev.latchkey.app.common.DevBroker;

/**
 * The launcher in a real window under Xvfb while the broker is down: a launch given cached sandbox
 * tokens says above its console, in amber, that it started offline and until when; one with
 * nothing cached says in its detail pane what to do; neither is cut to "…" at 1024x640 or
 * 1920x1080. With {@code -Dlatchkey.shots=FOLDER} it photographs both.
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class OfflineLauncherViewTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private Stage stage;
    private Scene scene;
    private BrokerProcess broker;
    private Session session;
    private RunningApp shown;

    @Start
    void start(Stage primary) {
        this.stage = primary;
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        if (shown != null) {
            robot.interact(shown::stop);
        }
        if (broker != null) {
            broker.close();
        }
        if (session != null) {
            session.signOut();
        }
    }

    @Test
    void theLauncherSaysALaunchStartedOfflineAndWhatToDoWhenNothingIsCached(FxRobot robot) throws Exception {
        broker = DevBroker.start();
        session = OfflineLaunchTest.signedIn(broker, root);
        SecretSource source = session.keepingSandboxTokens(
                new BrokerSecretSource(session.brokerClient()), notice -> { });
        LocalFolders folders = LocalFolders.under(root);
        LauncherViewModel model = new LauncherViewModel(new FxTaskRunner(), new ManualScheduler(Instant.now()),
                new ProfileStore(folders.config()), source, folders, app -> { });
        robot.interact(() -> {
            scene = new Scene((Parent) new LauncherView(model, e -> { }, (p, need) -> { }).root(), 1024, 640);
            Theme.LIGHT.applyTo(scene);
            stage.setScene(scene);
            stage.show();
        });
        LaunchProfile api = OfflineLaunchTest.sandboxed("webhooks", "payments-sandbox", Map.of(),
                "echo \"listening with a token of ${#T} characters\"; exec sleep 60");
        launch(robot, model, api, RunningApp.State.Running.class);
        robot.interact(shown::stop);
        await().atMost(WAIT).until(() -> shown.stateProperty().get() instanceof RunningApp.State.Exited);
        assertThat(label(robot, "#app-offline").isVisible()).as("online: nothing to say").isFalse();
        BrokerProcess gone = broker;
        broker = null;
        gone.close();

        launch(robot, model, api, RunningApp.State.Running.class);
        Label offline = label(robot, "#app-offline");
        assertThat(offline.isVisible()).isTrue();
        assertThat(offline.getText()).matches("Started offline with cached sandbox tokens, valid until \\d\\d:\\d\\d\\."
                + " Restart once the broker is back for fresh ones\\.");
        assertThat(offline.getStyleClass()).contains("countdown-warning");
        ownTextWhole(robot);
        Shots.take(robot, stage, "launcher-offline");
        robot.interact(shown::stop);
        await().atMost(WAIT).until(() -> shown.stateProperty().get() instanceof RunningApp.State.Exited);

        launch(robot, model, OfflineLaunchTest.sandboxed("staging", "staging-sandbox", Map.of()),
                RunningApp.State.Failed.class);
        assertThat(label(robot, "#launch-detail-exit").getText()).startsWith("Could not start offline. ")
                .contains("no valid sandbox token is kept on this machine for staging-sandbox")
                .contains("Launch it again once Latchkey can reach the broker");
        assertThat(label(robot, "#app-offline").isVisible()).isFalse();
        ownTextWhole(robot);
        Shots.take(robot, stage, "launcher-offline-nothing-cached");
    }

    private void launch(FxRobot robot, LauncherViewModel model, LaunchProfile profile, Class<?> until) {
        robot.interact(() -> shown = model.launch(profile));
        await().atMost(WAIT).until(() -> until.isInstance(shown.stateProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * What this test adds to the launcher, the offline line and the failure's words, drawn whole at
     * both sizes. (The console header's name and state are squeezed in this bare scene, which has
     * no window around the launcher; the app's own window tests check the whole page.)
     */
    private void ownTextWhole(FxRobot robot) throws Exception {
        double[] before = Shots.placement(stage);
        for (int[] size : Shots.SIZES) {
            Shots.resize(robot, stage, size[0], size[1]);
            List<String> cut = new ArrayList<>();
            robot.interact(() -> cut.addAll(Ellipses.in(scene)));
            assertThat(cut).as("at " + size[0] + "x" + size[1])
                    .noneMatch(line -> line.contains("#app-offline") || line.contains("#launch-detail-exit"));
        }
        Shots.putBack(robot, stage, before);
    }

    private static Label label(FxRobot robot, String id) {
        return UiThread.lookup(robot, id).queryAs(Label.class);
    }
}
