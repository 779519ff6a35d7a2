package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.Shown;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The launcher in the real window under Xvfb: ada picks payments/dev/db-url in the browser,
 * makes a profile around {@code sh -c 'echo $DB_URL'} with the keyboard, launches it with
 * Ctrl+L and sees the value masked in its console.
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class LauncherWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private BrokerProcess broker;
    private AppComposition app;
    private final TestSessions sessions = TestSessions.inMemory();

    @AfterEach
    void close(FxRobot robot) throws Exception {
        AppWindow.close(robot, app, sessions, broker);
    }

    /** A button's mnemonic is registered when its skin is made, a pulse after it joins the scene. */
    private static void awaitDrawn(FxRobot robot, String id) {
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, id).tryQueryAs(Control.class)
                .map(c -> c.getSkin() != null).orElse(false));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aProfileMadeFromTheBrowsersSelectionLaunchesWithItsOutputMasked(FxRobot robot) throws Exception {
        broker = DevBroker.start();
        sessions.signIn(broker.url(), "ada");
        app = AppWindow.open(robot, new AppServices(new FxTaskRunner(),
                new ManualScheduler(Instant.parse("2026-11-29T10:00:00Z")), BrokerProbe.overHttp(), sessions.sessions(),
                LocalFolders.under(root)), broker.url());
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, ".table-cell").match(n -> n instanceof TableCell<?, ?> c
                && "db-url".equals(c.getText())).tryQuery().isPresent());
        Node cell = UiThread.lookup(robot, ".table-cell").match(n -> n instanceof TableCell<?, ?> c && "db-url".equals(c.getText())).query();
        UiThread.click(robot, cell);

        // By keyboard: Alt+U opens the launcher, Alt+N a new profile.
        robot.press(KeyCode.ALT, KeyCode.U).release(KeyCode.U, KeyCode.ALT);
        awaitDrawn(robot, "#new-profile");
        robot.press(KeyCode.ALT, KeyCode.N).release(KeyCode.N, KeyCode.ALT);
        awaitDrawn(robot, "#add-variable");
        assertThat(UiThread.lookup(robot, "#new-ref").queryComboBox().getEditor().getText())
                .as("the secret selected in the browser is offered").isEqualTo("latchkey://payments/dev/db-url");
        assertThat(UiThread.lookup(robot, "#new-variable").queryAs(TextInputControl.class).getText()).isEqualTo("DB_URL");
        // Add variable from the keyboard: focus it and press Space. Its Alt+A mnemonic was dropped
        // now and then right after the editor opened (about one full app suite in three under Xvfb),
        // while Alt+U and Alt+N above stay mnemonic presses.
        robot.interact(() -> UiThread.lookup(robot, "#add-variable").queryButton().requestFocus());
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        await().atMost(WAIT).until(() -> Shown.now(robot, "#profile-env", ListView.class, l -> l.getItems().size() == 1));
        UiThread.click(robot, "#profile-name").write("payments-api");
        UiThread.click(robot, "#profile-command").write("sh");
        UiThread.click(robot, "#profile-args").write("-c 'echo \"db: $DB_URL\"'");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER); // Save is the default button
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#profile-payments-api").tryQuery().isPresent());
        assertThat(Files.readString(root.resolve("config").resolve("app-profiles.toml")))
                .contains("DB_URL = 'latchkey://payments/dev/db-url'").doesNotContain("postgresql://");

        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#console-payments-api").tryQueryAs(TextArea.class)
                .map(TextArea::getText).filter(t -> t.contains("exited with code 0")).isPresent());
        assertThat(app.sessions().signedIn().orElseThrow().launcher().apps()).as("one press, one launch, however long the key was held").hasSize(1);
        String console = UiThread.lookup(robot, "#console-payments-api").queryAs(TextArea.class).getText();
        assertThat(console).contains("db: <latchkey:DB_URL>").doesNotContain("postgresql://");
        assertThat(AppWindow.text(robot, "#app-state")).isEqualTo("exited (0)");
        assertThat(app.parts().window().stage().getTitle()).endsWith("Launcher");
    }
}
