package dev.latchkey.app.access;

import dev.latchkey.app.common.Screen;
import dev.latchkey.core.brokerapi.AccessRequest;
import java.time.ZoneId;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The approvals inbox: who asks for what, for how long and why; approve, or deny with a reason. */
public final class ApprovalsView implements Screen {

    private final VBox root;
    private final TableView<AccessRequest> table = new TableView<>();

    public ApprovalsView(ApprovalsViewModel model, java.time.Clock clock) {
        ZoneId zone = clock.getZone();
        Label heading = new Label("Approvals");
        heading.getStyleClass().add("title");
        table.setId("to-review");
        table.setItems(model.pending());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(MyRequestsView.column("Requester", 140, r -> RequestText.person(r.requesterName(), r.requester())));
        table.getColumns().add(MyRequestsView.column("Request", 220, RequestText::what));
        table.getColumns().add(MyRequestsView.column("Starts", 90, r -> r.startAt()
                .map(t -> RequestText.when(t, clock.instant(), zone)).orElse("on approval")));
        table.getColumns().add(MyRequestsView.column("Justification", 260, AccessRequest::justification));
        table.getColumns().add(MyRequestsView.column("Lapses", 70, r -> r.expiresAt()
                .map(t -> RequestText.when(t, clock.instant(), zone)).orElse("")));
        table.setPlaceholder(new Label("Nothing waits for your decision."));
        table.getSelectionModel().selectedItemProperty().addListener((o, old, r) -> {
            if (r != null) {
                model.selectedProperty().set(r);
            }
        });
        model.selectedProperty().addListener((o, old, r) -> {
            if (r != null && table.getSelectionModel().getSelectedItem() != r) {
                table.getSelectionModel().select(r);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        TextField reason = new TextField();
        reason.setId("decision-reason");
        reason.setPromptText("Reason (required to deny; the requester reads it)");
        reason.textProperty().bindBidirectional(model.reasonProperty());
        HBox.setHgrow(reason, Priority.ALWAYS);
        Button approve = MyRequestsView.button("_Approve", "approve", model::approve);
        Button deny = MyRequestsView.button("De_ny", "deny", model::deny);
        Button refresh = MyRequestsView.button("Re_fresh", "refresh-approvals", model::refresh);
        approve.disableProperty().bind(model.selectedProperty().isNull());
        deny.disableProperty().bind(model.selectedProperty().isNull());
        HBox actions = new HBox(10, reason, approve, deny, refresh);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("approvals-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        root = new VBox(12, heading, table, actions, message);
        root.setPadding(new Insets(24));
        root.setId("approvals");
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Node initialFocus() {
        return table;
    }

    @Override
    public String title() {
        return "Approvals";
    }
}
