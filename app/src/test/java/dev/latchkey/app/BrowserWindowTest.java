package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.browser.SecretRow;
import dev.latchkey.app.browser.SecretsBrowserViewModel;
import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The secrets browser in the real window under Xvfb, against a real dev broker, signed in as
 * ada through the dev IdP's form. Time for reveal and clipboard moves by hand.
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class BrowserWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-29T10:00:00Z"));
    private final TestSessions sessions = TestSessions.inMemory();
    @TempDir
    Path root;
    private BrokerProcess broker;
    private AppComposition app;

    @AfterEach
    void close(FxRobot robot) throws Exception {
        AppWindow.close(robot, app, sessions, broker);
    }

    private SecretsBrowserViewModel openAsAda(FxRobot robot) throws Exception {
        broker = DevBroker.start();
        sessions.signIn(broker.url(), "ada");
        app = AppWindow.open(robot, new AppServices(new FxTaskRunner(), scheduler, BrokerProbe.overHttp(),
                sessions.sessions(), LocalFolders.under(root)), broker.url());
        SecretsBrowserViewModel model = AppWindow.signedIn(app).browser();
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#scope-payments-dev").tryQuery().isPresent());
        // TestFX finds a node to click off the UI thread; while the secrets still load, the UI thread lays the
        // page out (and animates its progress) at the same time, and the two can corrupt a node's cached
        // bounds. Click only once the page has settled.
        await().atMost(WAIT).until(() -> model.loadProperty().get() instanceof SecretsBrowserViewModel.Load.Loaded);
        WaitForAsyncUtils.waitForFxEvents();
        return model;
    }

    private static Optional<String> clipboard(FxRobot robot) {
        AtomicReference<String> text = new AtomicReference<>();
        robot.interact(() -> text.set(Clipboard.getSystemClipboard().hasString()
                ? Clipboard.getSystemClipboard().getString() : null));
        return Optional.ofNullable(text.get());
    }

    @SuppressWarnings("unchecked")
    private static TableView<SecretRow> table(FxRobot robot) {
        return UiThread.lookup(robot, "#secrets").queryAs(TableView.class);
    }

    private static void selectRow(FxRobot robot, String name) {
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, ".table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && name.equals(c.getText())).tryQuery().isPresent());
        Node cell = UiThread.lookup(robot, ".table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && name.equals(c.getText())).query();
        UiThread.click(robot, cell);
    }

    @Test
    void adaBrowsesPaymentsDevRevealsAValueAndSeesItHide(FxRobot robot) throws Exception {
        openAsAda(robot);
        assertThat(app.parts().window().stage().getTitle()).contains("Latchkey").contains("Secrets");
        assertThat(UiThread.lookup(robot, "#scope-payments-dev").queryLabeled().getGraphic())
                .isInstanceOfSatisfying(Label.class, badge -> assertThat(badge.getText()).isEqualTo("standing"));
        assertThat(UiThread.lookup(robot, "#scope-payments-staging").queryLabeled().getGraphic())
                .isInstanceOfSatisfying(Label.class, badge -> assertThat(badge.getText()).isEqualTo("requestable (up to 8 h)"));
        UiThread.click(robot, "#scope-payments-dev");
        await().atMost(WAIT).until(() -> table(robot).getItems().size() == 4);

        selectRow(robot, "db-url");
        UiThread.click(robot, "#reveal");
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#revealed-value").startsWith("postgresql://"));
        robot.interact(() -> scheduler.advance(Duration.ofSeconds(9)));
        assertThat(AppWindow.text(robot, "#revealed-value")).startsWith("postgresql://");
        robot.interact(() -> scheduler.advance(Duration.ofSeconds(1)));
        assertThat(AppWindow.text(robot, "#revealed-value")).isEmpty();
    }

    @Test
    void aCopiedValueLeavesTheSystemClipboardAfterThirtySeconds(FxRobot robot) throws Exception {
        openAsAda(robot);
        selectRow(robot, "stripe-api-key");
        UiThread.click(robot, "#copy-value");
        await().atMost(WAIT).until(() -> clipboard(robot).filter(v -> v.startsWith("sk_test_")).isPresent());
        assertThat(AppWindow.text(robot, "#browser-message")).contains("cleared in 30 s").doesNotContain("sk_test_");
        robot.interact(() -> scheduler.advance(Duration.ofSeconds(29)));
        assertThat(clipboard(robot)).isPresent();
        robot.interact(() -> scheduler.advance(Duration.ofSeconds(1)));
        assertThat(clipboard(robot)).isEmpty();
    }

    @Test
    void theFilterIsOneShortcutAwayAndValuesOfRequestableScopesCannotBeShown(FxRobot robot) throws Exception {
        openAsAda(robot);
        UiThread.click(robot, "#scope-payments-dev");
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        assertThat(UiThread.lookup(robot, "#filter").queryAs(TextField.class).isFocused()).isTrue();
        robot.write("prod/pager");
        await().atMost(WAIT).until(() -> table(robot).getItems().size() == 1);
        selectRow(robot, "pagerduty-routing-key");
        assertThat(UiThread.lookup(robot, "#reveal").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(UiThread.lookup(robot, "#copy-value").queryAs(Button.class).isDisabled()).isTrue();
        UiThread.click(robot, "#copy-reference");
        assertThat(clipboard(robot)).contains("latchkey://payments/prod/pagerduty-routing-key");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }
}
