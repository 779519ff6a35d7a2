package dev.latchkey.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.DetailPane;
import dev.latchkey.app.common.Ellipses;
import dev.latchkey.app.common.Theme;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.Grant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A request's detail pane at its narrowest (as at 1024x640), under Xvfb: an approved request shows
 * who decided, when, the reason and the grant it produced with its end; a pending one its lapse
 * time and the page's actions; nothing is cut to "…".
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class RequestDetailPaneTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private final ObjectProperty<AccessRequest> shown = new SimpleObjectProperty<>();
    private Scene scene;

    @Start
    void start(Stage stage) {
        Button cancel = new Button("Cancel request");
        cancel.setId("cancel");
        RequestDetailPane pane = new RequestDetailPane(shown, Clock.fixed(T0, ZoneOffset.UTC), cancel);
        BorderPane root = new BorderPane();
        ScrollPane narrowest = pane.scrolling();
        narrowest.setPrefWidth(DetailPane.MIN_WIDTH);
        root.setRight(narrowest);
        scene = new Scene(root, 700, 560);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static String text(FxRobot robot, String id) {
        return UiThread.lookup(robot, id).queryAs(Label.class).getText();
    }

    private static AccessRequest request(AccessRequest.State state, Optional<Grant> grant, Optional<String> by) {
        return new AccessRequest("r_7", "ada", "Ada Lovelace", "payments/prod", List.of("db-url", "stripe-api-key"),
                "PAY-124: the refund job double-charges customers after a retry; hotfix needs the live database",
                Duration.ofMinutes(30), Optional.empty(), T0.minusSeconds(300), state,
                Optional.of(T0.plus(Duration.ofHours(24))), List.of("payments-leads"), by,
                by.map(b -> T0.minusSeconds(60)), by.map(b -> "LGTM, keep it short"), Optional.empty(), grant);
    }

    @Test
    void anApprovedRequestShowsWhoDecidedWhyAndTheGrantItGave(FxRobot robot) {
        Grant g = new Grant("g_42", "r_7", "ada", "payments/prod", List.of("db-url", "stripe-api-key"),
                Optional.of(T0.minusSeconds(60)), T0.plus(Duration.ofMinutes(29)), Grant.State.ACTIVE, Optional.empty(),
                Optional.empty());
        robot.interact(() -> shown.set(request(AccessRequest.State.APPROVED, Optional.of(g), Optional.of("grace"))));
        assertThat(text(robot, "#request-detail-scope")).isEqualTo("payments/prod");
        assertThat(text(robot, "#request-detail-status")).isEqualTo("approved by grace, until 10:29");
        assertThat(UiThread.lookup(robot, "#request-detail-status").query().getStyleClass()).contains("chip-approved");
        assertThat(text(robot, "#request-detail-secrets")).isEqualTo("db-url, stripe-api-key");
        assertThat(text(robot, "#request-detail-duration")).isEqualTo("30m");
        assertThat(text(robot, "#request-detail-starts")).isEqualTo("on approval");
        assertThat(text(robot, "#request-detail-requester")).isEqualTo("Ada Lovelace (ada)");
        assertThat(text(robot, "#request-detail-asked")).isEqualTo("09:55");
        assertThat(text(robot, "#request-detail-justification")).as("the whole justification")
                .isEqualTo("PAY-124: the refund job double-charges customers after a retry; hotfix needs the live database");
        assertThat(text(robot, "#request-detail-decided")).isEqualTo("by grace at 09:59");
        assertThat(text(robot, "#request-detail-reason")).isEqualTo("LGTM, keep it short");
        assertThat(text(robot, "#request-detail-grant"))
                .isEqualTo("grant g_42 on payments/prod (db-url, stripe-api-key), until 10:29");
        assertThat(shownWithParents(UiThread.lookup(robot, "#request-detail-lapses").query())).as("decided: no lapse").isFalse();
        assertThat(UiThread.get(() -> Ellipses.in(scene))).isEmpty();
    }

    @Test
    void aPendingRequestShowsWhenItLapsesAndNoDecision(FxRobot robot) {
        robot.interact(() -> shown.set(request(AccessRequest.State.PENDING, Optional.empty(), Optional.empty())));
        assertThat(text(robot, "#request-detail-status")).isEqualTo("pending: waiting for payments-leads");
        assertThat(text(robot, "#request-detail-lapses")).isEqualTo("30 Nov 10:00");
        assertThat(shownWithParents(UiThread.lookup(robot, "#request-detail-decided").query())).isFalse();
        assertThat(shownWithParents(UiThread.lookup(robot, "#cancel").query())).isTrue();
        assertThat(UiThread.get(() -> Ellipses.in(scene))).isEmpty();

        robot.interact(() -> shown.set(null));
        assertThat(shownWithParents(UiThread.lookup(robot, "#request-detail-empty").query())).isTrue();
        assertThat(shownWithParents(UiThread.lookup(robot, "#cancel").query())).isFalse();
    }

    private static boolean shownWithParents(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
