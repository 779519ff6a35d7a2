package dev.latchkey.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.Notice;
import dev.latchkey.app.common.Screen;
import dev.latchkey.app.common.Theme;
import dev.latchkey.app.common.ToastBounds;
import dev.latchkey.app.common.Toasts;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Where toasts go, in the real window under Xvfb: a page whose primary buttons sit in its lower
 * right corner (where toasts used to float) and its upper right, with three toasts of long news.
 * No toast may lie over any of the page's buttons, at 1024x640 or at 1920x1080, and the page's
 * buttons stay inside the window.
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class ToastPlacementTest {

    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-29T10:00:00Z"));
    private final Toasts toasts = new Toasts(scheduler);
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        MainWindow window = new MainWindow(stage, new BannerModel(), toasts, Theme.LIGHT);
        window.show(new CornerPage());
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1024);
        stage.setHeight(640);
        stage.show();
    }

    @Test
    void noToastLiesOverAButtonOfThePageAt1024x640(FxRobot robot) {
        showThreeToasts(robot);
        assertToastsClearOfButtons(robot, "1024x640");
    }

    @Test
    void noToastLiesOverAButtonOfThePageAt1920x1080(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1920);
            stage.setHeight(1080);
        });
        showThreeToasts(robot);
        assertToastsClearOfButtons(robot, "1920x1080");
    }

    @Test
    void withoutToastsTheRowTakesNoRoom(FxRobot robot) {
        Node submit = UiThread.lookup(robot, "#page-submit").query();
        double bottom = UiThread.get(() -> submit.localToScene(submit.getBoundsInLocal()).getMaxY());
        showThreeToasts(robot);
        robot.interact(toasts::clear);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(UiThread.get(() -> submit.localToScene(submit.getBoundsInLocal()).getMaxY())).isEqualTo(bottom);
    }

    private void showThreeToasts(FxRobot robot) {
        robot.interact(() -> {
            for (int i = 1; i <= Toasts.MOST; i++) {
                toasts.show(new Toasts.Toast("decision:r_" + i, Notice.Severity.INFO, "Your request for payments/prod "
                        + "[db-url, stripe-api-key] for 30m was approved by grace, until 14:32: LGTM, keep it short (" + i + ")."));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void assertToastsClearOfButtons(FxRobot robot, String size) {
        List<String> covered = new ArrayList<>();
        List<Bounds> shown = new ArrayList<>();
        robot.interact(() -> {
            covered.addAll(ToastBounds.coveredButtons(stage.getScene()));
            shown.addAll(ToastBounds.of(stage.getScene()));
        });
        assertThat(shown).as("three toasts show at " + size).hasSize(Toasts.MOST);
        assertThat(covered).as("buttons a toast covers at " + size).isEmpty();
        Node status = UiThread.lookup(robot, "#status").query();
        double statusTop = UiThread.get(() -> status.localToScene(status.getBoundsInLocal()).getMinY());
        for (Bounds b : shown) {
            assertThat(b.getMaxY()).as("a toast above the status line at " + size).isLessThanOrEqualTo(statusTop);
            assertThat(b.getMaxX()).as("a toast inside the window at " + size).isLessThanOrEqualTo(stage.getScene().getWidth());
        }
        for (String id : List.of("#page-submit", "#page-cancel", "#page-top-action")) {
            Node n = UiThread.lookup(robot, id).query();
            Bounds b = UiThread.get(() -> n.localToScene(n.getBoundsInLocal()));
            assertThat(b.getMaxY()).as(id + " inside the window at " + size).isLessThanOrEqualTo(statusTop);
        }
    }

    /** A page with buttons in its upper right and lower right corners, and a text area between them. */
    private static final class CornerPage implements Screen {
        private final BorderPane root = new BorderPane();

        CornerPage() {
            Button top = new Button("Request access to payments/prod …");
            top.setId("page-top-action");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox header = new HBox(gap, top);
            Button cancel = new Button("Cancel");
            cancel.setId("page-cancel");
            Button submit = new Button("Submit request");
            submit.setId("page-submit");
            HBox footer = new HBox(8, cancel, submit);
            footer.setAlignment(Pos.CENTER_RIGHT);
            TextArea text = new TextArea();
            text.setAccessibleText("Notes");
            root.setTop(header);
            root.setCenter(text);
            root.setBottom(footer);
        }

        @Override
        public Node root() {
            return root;
        }

        @Override
        public String title() {
            return "Toasts";
        }
    }
}
