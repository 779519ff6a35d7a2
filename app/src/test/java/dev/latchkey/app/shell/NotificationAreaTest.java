package dev.latchkey.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.Ellipses;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.Notice;
import dev.latchkey.app.common.Theme;
import dev.latchkey.app.common.Toasts;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window's one notification area, in the real window at 1024x640 under Xvfb: one notice row
 * however many notices there are (the most urgent, "+N more" to see all), and toasts for news,
 * at most three, gone on their own unless the keyboard is on one.
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class NotificationAreaTest {

    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-29T10:00:00Z"));
    private final BannerModel banner = new BannerModel();
    private final Toasts toasts = new Toasts(scheduler);

    @Start
    void start(Stage stage) {
        new MainWindow(stage, banner, toasts, Theme.LIGHT);
        stage.setWidth(1024);
        stage.setHeight(640);
        stage.show();
    }

    private static List<Node> rows(FxRobot robot) {
        return List.copyOf(UiThread.lookup(robot, ".notice").queryAll());
    }

    @Test
    void threeNoticesShareOneRowThatSaysTheMostUrgentAndHowManyMore(FxRobot robot) {
        robot.interact(() -> {
            banner.show(new Notice("no-tray", Notice.Severity.INFO, "No tray icon: this desktop offers no system tray."));
            banner.show(new Notice("grant:g_stripe", Notice.Severity.WARNING,
                    "Your access to payments/prod/stripe-api-key ends in 14 min (at 10:14). Finish up, or ask for more time."));
            banner.show(new Notice("grant:g_db", Notice.Severity.ERROR,
                    "Your access to payments/prod/db-url ended at 10:06. Request access again to keep working with it."));
        });
        assertThat(rows(robot)).singleElement().extracting(Node::getId).isEqualTo("notice-grant-g_db");
        assertThat(UiThread.lookup(robot, "#notices-more").queryButton().getText()).isEqualTo("+2 more");
        Node area = UiThread.lookup(robot, "#banner").query();
        assertThat(UiThread.get(() -> area.getBoundsInLocal().getHeight())).as("one row, not a quarter of the window").isLessThan(640 * 0.12);
        assertThat(UiThread.get(() -> Ellipses.in(area.getScene()))).isEmpty();
        Node status = UiThread.lookup(robot, "#status").query();
        assertThat(UiThread.get(() -> status.localToScene(status.getBoundsInLocal()).getMaxY())).as("the status line stays on screen")
                .isLessThanOrEqualTo(status.getScene().getHeight());

        UiThread.click(robot, "#notices-more");
        assertThat(rows(robot)).extracting(Node::getId)
                .containsExactly("notice-grant-g_db", "notice-grant-g_stripe", "notice-no-tray");
        assertThat(UiThread.lookup(robot, "#notices-less").queryButton().isFocused()).as("the keyboard stays on the toggle").isTrue();
        UiThread.click(robot, "#notices-less");
        assertThat(rows(robot)).hasSize(1);

        // Dismissing the most urgent brings up the next.
        UiThread.click(robot, "#dismiss-grant-g_db");
        assertThat(rows(robot)).singleElement().extracting(Node::getId).isEqualTo("notice-grant-g_stripe");
        assertThat(UiThread.lookup(robot, "#notices-more").queryButton().getText()).isEqualTo("+1 more");
        UiThread.click(robot, "#dismiss-grant-g_stripe");
        assertThat(UiThread.lookup(robot, "#notices-more").tryQuery()).isEmpty();
    }

    @Test
    void aNoticeArrivingLeavesTheShownOnesButtonsWhereTheyAre(FxRobot robot) {
        robot.interact(() -> banner.show(Notice.whileWaiting("keychain-prompt", Notice.Severity.WARNING,
                "Unlock your keychain to continue — waiting up to 60 s.",
                new Notice.Action("Cancel", "keychain-prompt-cancel", () -> { }))));
        Button cancel = UiThread.lookup(robot, "#keychain-prompt-cancel").queryButton();
        robot.interact(() -> banner.show(new Notice("no-tray", Notice.Severity.INFO, "No tray icon here.")));
        assertThat(cancel.getScene()).as("the button under the pointer stays in the window").isNotNull();
        assertThat(UiThread.lookup(robot, "#keychain-prompt-cancel").queryButton()).isSameAs(cancel);
        assertThat(UiThread.lookup(robot, "#notices-more").queryButton().getText()).isEqualTo("+1 more");
    }

    @Test
    void toastsStackAtMostThreeAndGoAwayOnTheirOwn(FxRobot robot) {
        robot.interact(() -> {
            for (int i = 1; i <= 4; i++) {
                toasts.show(new Toasts.Toast("decision:r_" + i, Notice.Severity.INFO,
                        "Your request for payments/staging was approved (" + i + ")."));
            }
        });
        assertThat(UiThread.lookup(robot, ".toast").queryAll()).hasSize(Toasts.MOST);
        assertThat(UiThread.lookup(robot, "#toast-decision-r_1").tryQuery()).as("the oldest made room").isEmpty();
        assertThat(UiThread.lookup(robot, "#toast-decision-r_4").query().isVisible()).isTrue();
        Node toastRow = UiThread.lookup(robot, "#toasts").query();
        assertThat(UiThread.get(() -> Ellipses.in(toastRow.getScene()))).isEmpty();

        robot.interact(() -> scheduler.advance(Toasts.SHOWN_FOR.minusSeconds(1)));
        assertThat(UiThread.lookup(robot, ".toast").queryAll()).hasSize(3);
        robot.interact(() -> scheduler.advance(Duration.ofSeconds(1)));
        assertThat(UiThread.lookup(robot, ".toast").queryAll()).isEmpty();
    }

    @Test
    void aToastTheKeyboardIsOnStaysUntilClosed(FxRobot robot) {
        robot.interact(() -> toasts.show(new Toasts.Toast("review:r_9", Notice.Severity.INFO,
                "ada asks for payments/prod for 30 min.")));
        Button close = UiThread.lookup(robot, "#toast-close-review-r_9").queryButton();
        assertThat(close.getAccessibleText()).isEqualTo("Close: ada asks for payments/prod for 30 min.");
        // Tab reaches it: it is the window's last focusable control.
        for (int i = 0; i < 10 && !close.isFocused(); i++) {
            robot.type(KeyCode.TAB);
        }
        assertThat(close.isFocused()).as("Tab reaches the toast's Close").isTrue();
        robot.interact(() -> scheduler.advance(Toasts.SHOWN_FOR.multipliedBy(3)));
        assertThat(UiThread.lookup(robot, "#toast-review-r_9").tryQuery()).as("held while the keyboard is on it").isPresent();
        robot.type(KeyCode.SPACE);
        assertThat(UiThread.lookup(robot, ".toast").queryAll()).isEmpty();
        assertThat(toasts.shown()).isEmpty();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void signingOutClearsTheToasts(FxRobot robot) {
        robot.interact(() -> toasts.show(new Toasts.Toast("decision:r_1", Notice.Severity.WARNING,
                "Your request for payments/prod was denied by grace.")));
        robot.interact(toasts::clear);
        assertThat(UiThread.lookup(robot, ".toast").queryAll()).isEmpty();
        assertThat(UiThread.lookup(robot, "#toasts").query().isVisible()).isFalse();
        assertThat(scheduler.pending()).as("no timer left behind").isZero();
        assertThat(UiThread.lookup(robot, ".label").queryAllAs(Label.class)).noneMatch(l -> l.getText().contains("denied"));
    }
}
