package dev.latchkey.app.agent;

import dev.latchkey.core.approval.ApprovalRequest;
import dev.latchkey.core.approval.Decision;
import dev.latchkey.core.approval.Requester;
import dev.latchkey.core.brokerapi.SecretRef;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/** One approval prompt: who asks, for which references, and the three answers. */
final class ApprovalPromptView {

    private final ApprovalRequest request;
    private final Consumer<Decision> answer;
    private final Stage stage = new Stage();
    private final Label status = new Label();
    private final HBox buttons;
    private boolean answered;

    ApprovalPromptView(ApprovalRequest request, Consumer<Decision> answer) {
        this.request = request;
        this.answer = answer;
        Label title = new Label("A program asks to read secrets");
        title.getStyleClass().add("title-3");
        Label why = new Label(String.join(", ", request.scopes()) + (request.scopes().size() == 1 ? " asks" : " ask")
                + " you to confirm each launch that reads " + (request.scopes().size() == 1 ? "it." : "them."));
        why.setWrapText(true);

        Requester who = request.requester();
        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(6);
        row(facts, 0, "Program", who.commandLine(), "approval-command");
        row(facts, 1, "Process", who.pid().isPresent() ? "pid " + who.pid().getAsLong() : "unknown", "approval-pid");
        row(facts, 2, "Working folder", who.workingFolder().orElse("unknown"), "approval-folder");
        row(facts, 3, "Started by", who.parent(), "approval-parent");
        row(facts, 4, "Reads", String.join("\n", request.refs().stream().map(SecretRef::toString).toList()), "approval-refs");

        Button once = button("Allow once", "approval-allow-once", Decision.ALLOW_ONCE);
        Button launch = button("Allow for this launch", "approval-allow-launch", Decision.ALLOW_FOR_LAUNCH);
        Button deny = button("Deny", "approval-deny", Decision.DENY);
        deny.setDefaultButton(true); // Enter refuses: allowing takes a deliberate click
        once.getStyleClass().add("accent");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        buttons = new HBox(8, grow, deny, launch, once);
        status.setId("approval-status");
        status.setWrapText(true);
        status.setText("Nothing is read until you answer. The prompt closes by itself after "
                + request.timeout().toSeconds() + " s, and then the program does not start.");

        VBox root = new VBox(12, title, why, facts, status, buttons);
        root.setId("approval-prompt");
        root.setPadding(new Insets(20));
        root.setPrefWidth(620);
        stage.setScene(new Scene(root));
        stage.setTitle("Latchkey: approve a launch");
        stage.setOnCloseRequest(e -> decide(Decision.DENY));
    }

    private static void row(GridPane grid, int at, String name, String value, String id) {
        Label key = new Label(name);
        key.getStyleClass().add("text-muted");
        Label text = new Label(value);
        text.setId(id);
        text.setWrapText(true);
        text.setMaxWidth(460);
        grid.addRow(at, key, text);
    }

    private Button button(String text, String id, Decision decision) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> {
            decide(decision);
            stage.close();
        });
        return b;
    }

    private void decide(Decision decision) {
        if (!answered) {
            answered = true;
            answer.accept(decision);
        }
    }

    /**
     * Shows the prompt in front of the app's window, and the app's window in front of others. The
     * prompt sits centred on that window and follows it while it stands, as a sheet does: left where
     * the window system would put it, it could land off the window or past the screen's edge.
     */
    void show(Window owner) {
        if (owner != null) {
            stage.initOwner(owner);
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
            if (owner instanceof Stage s) {
                s.setIconified(false);
                s.toFront();
            }
            InvalidationListener follow = o -> centreOn(owner);
            List<ReadOnlyDoubleProperty> placement = List.of(owner.xProperty(), owner.yProperty(),
                    owner.widthProperty(), owner.heightProperty());
            placement.forEach(p -> p.addListener(follow));
            stage.widthProperty().addListener(follow);
            stage.heightProperty().addListener(follow);
            stage.setOnHidden(e -> placement.forEach(p -> p.removeListener(follow)));
        }
        stage.show();
        if (owner != null) {
            centreOn(owner);
        }
        stage.toFront();
        stage.requestFocus();
    }

    /** Centres the prompt on {@code owner}, kept inside the (first) screen the owner is on. */
    private void centreOn(Window owner) {
        double w = stage.getWidth();
        double h = stage.getHeight();
        if (Double.isNaN(w) || Double.isNaN(h)) {
            return;
        }
        double x = owner.getX() + (owner.getWidth() - w) / 2;
        double y = owner.getY() + (owner.getHeight() - h) / 2;
        List<Screen> screens = Screen.getScreensForRectangle(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight());
        Rectangle2D area = (screens.isEmpty() ? Screen.getPrimary() : screens.getFirst()).getVisualBounds();
        stage.setX(Math.max(area.getMinX(), Math.min(x, area.getMaxX() - w)));
        stage.setY(Math.max(area.getMinY(), Math.min(y, area.getMaxY() - h)));
    }

    /** Nobody answered in time: the prompt says so, and only closing is left. */
    void timedOut() {
        if (answered) {
            return;
        }
        answered = true;
        status.setText("Timed out: nobody answered within " + request.timeout().toSeconds()
                + " s, so the program was not started. Run it again to be asked again.");
        status.getStyleClass().add("danger");
        Button close = new Button("Close");
        close.setId("approval-close");
        close.setOnAction(e -> stage.close());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        buttons.getChildren().setAll(grow, close);
    }
}
