package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.AccessibleNames;
import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.Ellipses;
import dev.latchkey.app.common.FocusRings;
import dev.latchkey.app.common.FxScheduler;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.Select;
import dev.latchkey.app.common.Shots;
import dev.latchkey.app.common.Shown;
import dev.latchkey.app.common.SidewaysScroll;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.app.tray.TrayState;
import dev.latchkey.testsupport.broker.BrokerProcess;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's finish, in the real window under Xvfb against a real dev broker, signed in through
 * the dev IdP as a person would: every page at 1024x640 and 1920x1080 with no text cut to "…",
 * the sidebar marking the current page, focus rings, the secret's detail pane and its "Request
 * access to payments/prod …" opening the form with that secret ticked, validation next to its
 * field with the limit, Tab leaving the justification and Ctrl+Enter submitting, a reviewer's
 * badge, coloured decisions and history, and the offline status when the broker goes away.
 *
 * <p>With {@code -Dlatchkey.shots=FOLDER} (and an X screen of at least 1920x1080) it photographs
 * each page at both sizes.
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class FinishWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int[][] SIZES = Shots.SIZES;
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");

    @TempDir
    Path root;

    private BrokerProcess broker;
    private AppComposition app;
    private final TestSessions sessions = TestSessions.inKeychain();
    private Stage stage;

    @AfterEach
    void close(FxRobot robot) throws Exception {
        AppWindow.close(robot, app, sessions, broker);
    }

    private AppComposition open(FxRobot robot, LaunchOptions options) throws Exception {
        AppComposition opened = AppWindow.start(robot, new AppServices(new FxTaskRunner(),
                new FxScheduler(Clock.systemDefaultZone()), BrokerProbe.overHttp(), sessions.sessions(),
                LocalFolders.under(root)), options);
        stage = opened.parts().window().stage();
        return opened;
    }

    /** Shown with every pane around it (a fact hidden with its caption is not). */
    private static boolean onScreen(FxRobot robot, String query) {
        for (Node n = UiThread.lookup(robot, query).tryQuery().orElse(null); ; n = n.getParent()) {
            if (n == null || !n.isVisible()) {
                return n == null && UiThread.lookup(robot, query).tryQuery().isPresent();
            }
        }
    }

    private static boolean shown(FxRobot robot, String query) {
        return UiThread.lookup(robot, query).tryQuery().map(Node::isVisible).orElse(false);
    }

    @Test
    void everyPageFitsBothSizesAndTheFlowsReadWell(FxRobot robot) throws Exception {
        broker = DevBroker.start("--dev-poll-interval=1s");
        app = open(robot, new LaunchOptions(LaunchOptions.Mode.BROKER, Optional.of(broker.url()), Optional.of("light")));
        await().atMost(WAIT).until(() -> !AppWindow.text(robot, "#user-code").isEmpty());
        page(robot, "sign-in", "");

        DevSignIn.approve(broker.url(), AppWindow.text(robot, "#user-code"), "ada");
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#scope-payments-dev").tryQuery().isPresent());
        assertThat(UiThread.lookup(robot, "#sidebar").query().isVisible()).isTrue();
        AtomicReference<List<String>> noRing = new AtomicReference<>();
        robot.interact(() -> noRing.set(FocusRings.missing(stage.getScene())));
        assertThat(noRing.get()).as("controls that show no focus").isEmpty();
        Select.secret(robot, "db-url", WAIT);
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#detail-ref").replace("\n", "").equals("latchkey://payments/dev/db-url"));
        assertThat(AppWindow.text(robot, "#detail-access")).isEqualTo("standing");
        assertThat(AppWindow.text(robot, "#detail-version")).isNotEmpty();
        assertThat(shown(robot, "#request-secret-access")).as("standing access needs no request").isFalse();
        page(robot, "secrets", "nav-secrets");

        // A locked scope: its call to action, and the secret's own, open the form pre-filled.
        Select.scope(robot, "#scope-payments-prod", WAIT);
        assertThat(UiThread.lookup(robot, "#request-access-cta").queryButton().getText()).isEqualTo("Request access to payments/prod …");
        Select.secret(robot, "pagerduty-routing-key", WAIT);
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#detail-approvers").contains("payments-leads"));
        assertThat(AppWindow.text(robot, "#detail-grant")).isEqualTo("no grant");
        assertThat(UiThread.lookup(robot, "#reveal").queryButton().isDisabled()).isTrue();
        page(robot, "detail", "nav-secrets");
        UiThread.click(robot, "#request-secret-access");
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#request-form").tryQuery().isPresent());
        assertThat(UiThread.lookup(robot, "#request-scope").queryComboBox().getValue()).isEqualTo("payments/prod");
        await().atMost(WAIT).until(() -> ticked(robot, "pagerduty-routing-key"));
        assertThat(ticked(robot, "db-url")).isFalse();
        assertThat(app.parts().window().currentNav()).isEqualTo("nav-requests");

        // Validation on blur, next to the field, saying the limit; Tab leaves the justification.
        robot.interact(() -> UiThread.lookup(robot, "#request-duration").queryTextInputControl().setText("2h"));
        UiThread.click(robot, "#request-duration");
        UiThread.click(robot, "#request-justification").write("PAY-9");
        robot.press(KeyCode.TAB).release(KeyCode.TAB);
        assertThat(UiThread.lookup(robot, "#request-justification").queryTextInputControl().getText()).isEqualTo("PAY-9");
        assertThat(UiThread.lookup(robot, "#request-justification").query().isFocused()).as("Tab left the text area").isFalse();
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#duration-problem").equals("payments/prod allows at most 1h."));
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#dry-run-outcome").startsWith("Not allowed as asked: payments/prod allows at most 1h"));
        UiThread.click(robot, "#request-justification");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#justification-problem").contains("at least"));
        assertThat(UiThread.lookup(robot, "#my-requests").tryQuery()).as("nothing filed").isEmpty();
        page(robot, "request-error", "nav-requests");

        robot.interact(() -> UiThread.lookup(robot, "#request-duration").queryTextInputControl().setText("30m"));
        robot.interact(() -> UiThread.lookup(robot, "#request-justification").queryTextInputControl()
                .setText("PAY-124 hotfix for the refund bug"));
        await().atMost(WAIT).until(() -> Shown.now(robot, "#submit-request", Button.class, b -> !b.isDisabled()));
        assertThat(AppWindow.text(robot, "#duration-problem")).isEmpty();
        UiThread.click(robot, "#request-justification");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> Shown.now(robot, "#my-requests", TableView.class, t -> !t.getItems().isEmpty()));
        // The request just filed, in full in the detail pane, with Cancel while it is pending.
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#request-detail-scope").equals("payments/prod"));
        assertThat(AppWindow.text(robot, "#request-detail-status")).isEqualTo("pending: waiting for payments-leads");
        assertThat(AppWindow.text(robot, "#request-detail-secrets")).isEqualTo("pagerduty-routing-key");
        assertThat(AppWindow.text(robot, "#request-detail-duration")).isEqualTo("30m");
        assertThat(AppWindow.text(robot, "#request-detail-requester")).isEqualTo("Ada Lovelace (ada)");
        assertThat(AppWindow.text(robot, "#request-detail-justification")).isEqualTo("PAY-124 hotfix for the refund bug");
        assertThat(onScreen(robot, "#cancel-request")).isTrue();
        assertThat(onScreen(robot, "#request-detail-decided")).as("nobody decided yet").isFalse();
        page(robot, "requests", "nav-requests");

        UiThread.click(robot, "#nav-launcher");
        page(robot, "launcher", "nav-launcher");
        UiThread.click(robot, "#nav-settings");
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#settings").tryQuery().isPresent());
        page(robot, "settings", "nav-settings");

        // grace reviews: the sidebar counts what waits; Deny without a reason asks for one in place.
        UiThread.click(robot, "#sign-out");
        await().atMost(WAIT).until(() -> shown(robot, "#user-code") && !AppWindow.text(robot, "#user-code").isEmpty());
        DevSignIn.approve(broker.url(), AppWindow.text(robot, "#user-code"), "grace");
        await().atMost(WAIT).until(() -> shown(robot, "#nav-approvals") && AppWindow.text(robot, "#nav-approvals-count").equals("1"));
        UiThread.click(robot, "#nav-approvals");
        await().atMost(WAIT).until(() -> Shown.now(robot, "#to-review", TableView.class, t -> t.getItems().size() == 1));
        assertThat(cellShown(robot, "Ada Lovelace (ada)")).as("the requester's display name").isTrue();
        assertThat(AppWindow.text(robot, "#request-detail-requester")).isEqualTo("Ada Lovelace (ada)");
        assertThat(AppWindow.text(robot, "#request-detail-justification")).isEqualTo("PAY-124 hotfix for the refund bug");
        assertThat(onScreen(robot, "#cancel-request")).as("a reviewer cancels nothing").isFalse();
        assertThat(UiThread.lookup(robot, "#approve").query().getStyleClass()).contains("success");
        assertThat(UiThread.lookup(robot, "#deny").query().getStyleClass()).contains("danger");
        UiThread.click(robot, "#deny");
        await().atMost(WAIT).until(() -> Shown.now(robot, "#decision-reason", Node.class, Node::isFocused));
        assertThat(AppWindow.text(robot, "#decision-reason-problem")).startsWith("A reason is required to deny");
        page(robot, "approvals", "nav-approvals");
        robot.write("prod needs a change ticket");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> Shown.now(robot, "#decided", TableView.class, t -> t.getItems().size() == 1));
        assertThat(cellShown(robot, "denied")).isTrue();
        await().atMost(WAIT).until(() -> !shown(robot, "#nav-approvals-count"));
        assertThat(AppWindow.text(robot, "#decided-note")).startsWith("What you approved or denied since you signed in");
        page(robot, "approvals-decided", "nav-approvals");
        // The decision just made, in full: who decided, when, why; nothing left to decide.
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#request-detail-status").equals("denied by grace"));
        assertThat(AppWindow.text(robot, "#request-detail-decided")).matches("by grace at \\d\\d:\\d\\d");
        assertThat(AppWindow.text(robot, "#request-detail-reason")).isEqualTo("prod needs a change ticket");
        assertThat(onScreen(robot, "#approve")).isFalse();
        assertThat(onScreen(robot, "#request-detail-grant")).as("a denial gives no grant").isFalse();
        page(robot, "request-detail", "nav-approvals");

        // The broker goes away: the status bar says so, with the time, and offers Retry.
        broker.close();
        broker = null;
        await().atMost(WAIT).until(() -> shown(robot, "#offline"));
        assertThat(AppWindow.text(robot, "#offline")).matches("Offline since \\d\\d:\\d\\d — Latchkey can't reach the broker; it keeps trying\\.");
        assertThat(shown(robot, "#retry-connection")).isTrue();
        assertThat(app.tray().state()).as("the tray says offline too").isEqualTo(TrayState.OFFLINE);
        page(robot, "offline", "nav-approvals");
    }

    @Test
    void theWindowComesBackWhereItWasLeft(FxRobot robot) throws Exception {
        app = open(robot, new LaunchOptions(LaunchOptions.Mode.WELCOME, Optional.empty(), Optional.of("dark")));
        robot.interact(() -> {
            stage.setX(30);
            stage.setY(40);
            stage.setWidth(1100);
            stage.setHeight(700);
        });
        robot.interact(app::close);
        assertThat(Files.readString(root.resolve("config").resolve("window.properties"))).contains("width=1100");
        robot.interact(() -> {
            stage.setX(400);
            stage.setY(300);
            stage.setWidth(800);
            stage.setHeight(500);
        });
        app = open(robot, new LaunchOptions(LaunchOptions.Mode.WELCOME, Optional.empty(), Optional.of("dark")));
        assertThat(List.of(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()))
                .containsExactly(30.0, 40.0, 1100.0, 700.0);
    }

    /** At each size: no text cut, the right sidebar entry marked; a photograph when asked for. */
    private void page(FxRobot robot, String name, String nav) throws Exception {
        for (int[] size : SIZES) {
            Shots.resize(robot, stage, size[0], size[1]);
            AtomicReference<List<String>> cut = new AtomicReference<>();
            robot.interact(() -> cut.set(Ellipses.in(stage.getScene())));
            assertThat(cut.get()).as(name + " at " + size[0] + "x" + size[1] + ": text cut short").isEmpty();
            AtomicReference<List<String>> sideways = new AtomicReference<>();
            robot.interact(() -> sideways.set(SidewaysScroll.tables(stage.getScene())));
            assertThat(sideways.get()).as(name + " at " + size[0] + "x" + size[1] + ": tables whose columns do not fit")
                    .isEmpty();
            AtomicReference<List<String>> unnamed = new AtomicReference<>();
            robot.interact(() -> unnamed.set(AccessibleNames.missing(stage.getScene())));
            assertThat(unnamed.get()).as(name + ": focusable controls a screen reader cannot name").isEmpty();
            assertThat(app.parts().window().currentNav()).isEqualTo(nav);
            if (!nav.isEmpty()) {
                assertThat(UiThread.lookup(robot, "#" + nav).query().getPseudoClassStates()).contains(CURRENT);
            }
            Shots.photograph(name, size[0], size[1]);
        }
        // Back to a size every test screen holds, so the robot's clicks land inside the window.
        robot.interact(() -> {
            stage.setWidth(SIZES[0][0]);
            stage.setHeight(SIZES[0][1]);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean ticked(FxRobot robot, String secret) {
        return UiThread.lookup(robot, "#request-secrets .list-cell").match(n -> n instanceof ListCell<?> c && secret.equals(c.getText()))
                .tryQueryAs(ListCell.class).map(c -> c.getGraphic() instanceof CheckBox b && b.isSelected()).orElse(false);
    }

    private static boolean cellShown(FxRobot robot, String text) {
        return UiThread.lookup(robot, ".table-cell").match(n -> n instanceof TableCell<?, ?> c && text.equals(c.getText()))
                .tryQuery().isPresent();
    }


}
