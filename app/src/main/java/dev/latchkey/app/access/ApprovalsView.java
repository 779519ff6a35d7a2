package dev.latchkey.app.access;

import atlantafx.base.theme.Styles;
import dev.latchkey.app.common.Cells;
import dev.latchkey.app.common.FormKeys;
import dev.latchkey.app.common.Placeholder;
import dev.latchkey.app.common.Screen;
import dev.latchkey.app.common.SideWidths;
import dev.latchkey.core.brokerapi.AccessRequest;
import java.time.Clock;
import java.time.ZoneId;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The approvals inbox: who asks for what, for how long and why; approve, or deny with a reason. */
public final class ApprovalsView implements Screen {

    private final SplitPane root;
    private final TableView<AccessRequest> table = new TableView<>();

    public ApprovalsView(ApprovalsViewModel model, Clock clock) {
        ZoneId zone = clock.getZone();
        Label heading = new Label("Approvals");
        heading.getStyleClass().add("title");
        table.setId("to-review");
        table.setAccessibleText("Requests waiting for your decision");
        table.setItems(model.pending());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().add(MyRequestsView.column("Requester", 140, r -> RequestText.person(r.requesterName(), r.requester())));
        table.getColumns().add(MyRequestsView.column("Request", 220, RequestText::what));
        table.getColumns().add(MyRequestsView.column("Starts", 90, r -> r.startAt()
                .map(t -> RequestText.when(t, clock.instant(), zone)).orElse("on approval")));
        table.getColumns().add(MyRequestsView.column("Justification", 260, AccessRequest::justification));
        table.getColumns().add(MyRequestsView.column("Lapses", 70, r -> r.expiresAt()
                .map(t -> RequestText.when(t, clock.instant(), zone)).orElse("")));
        table.setPlaceholder(Placeholder.of("Nothing waits for your decision."));
        table.getSelectionModel().selectedItemProperty().addListener((o, old, r) -> {
            if (r != null) {
                model.selectedProperty().set(r);
            }
        });
        // The detail pane shows the pending request selected, or a decided one picked from the history;
        // once the last pending one is decided, the decision just made.
        ObjectProperty<AccessRequest> shown = new SimpleObjectProperty<>(model.selectedProperty().get());
        model.selectedProperty().addListener((o, old, r) -> {
            if (r != null && table.getSelectionModel().getSelectedItem() != r) {
                table.getSelectionModel().select(r);
            }
            shown.set(r != null || model.decided().isEmpty() ? r : model.decided().getFirst());
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        TextField reason = new TextField();
        reason.setId("decision-reason");
        reason.setPromptText("Reason");
        reason.setAccessibleText("Reason for your decision");
        Label reasonCaption = new Label("Your reason: required to deny; the requester reads it.");
        reasonCaption.getStyleClass().add("detail-key");
        reasonCaption.setWrapText(true);
        reasonCaption.setMinHeight(Region.USE_PREF_SIZE);
        reason.textProperty().bindBidirectional(model.reasonProperty());
        Button approve = MyRequestsView.button("_Approve", "approve", model::approve);
        approve.getStyleClass().add(Styles.SUCCESS);
        approve.setGraphic(FontIcon.of(Feather.CHECK, 14));
        Button deny = MyRequestsView.button("De_ny", "deny", model::deny);
        deny.getStyleClass().add(Styles.DANGER);
        deny.setGraphic(FontIcon.of(Feather.X, 14));
        // Deny without a reason: the cursor goes where the reason is written, the problem right under it.
        model.reasonWantedProperty().addListener((o, old, now) -> reason.requestFocus());
        reason.setOnAction(e -> model.reasonEntered());
        Button refresh = MyRequestsView.button("Re_fresh", "refresh-approvals", model::refresh);
        approve.disableProperty().bind(model.selectedProperty().isNull());
        deny.disableProperty().bind(model.selectedProperty().isNull());
        BooleanBinding decidable = Bindings.createBooleanBinding(() -> shown.get() != null
                && shown.get() == model.selectedProperty().get(), shown, model.selectedProperty());
        HBox decide = new HBox(10, approve, deny);
        VBox decision = new VBox(8, reasonCaption, reason, FormKeys.problemUnder(reason, "decision-reason-problem",
                model.reasonProblemProperty()), decide);
        decision.visibleProperty().bind(decidable);
        decision.managedProperty().bind(decision.visibleProperty());
        HBox actions = new HBox(10, refresh);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("approvals-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Label decidedHeading = new Label("Decided");
        decidedHeading.getStyleClass().add("card-title");
        // Said once, under the heading: the list is this session's, not the broker's whole history.
        Label decidedNote = new Label("What you approved or denied since you signed in, newest first. "
                + "The broker's audit log keeps every decision.");
        decidedNote.setId("decided-note");
        decidedNote.getStyleClass().add("subtle");
        decidedNote.setWrapText(true);
        decidedNote.setMinHeight(Region.USE_PREF_SIZE);
        TableView<AccessRequest> decided = new TableView<>(model.decided());
        decided.setId("decided");
        decided.setAccessibleText("Decided: what you approved or denied");
        decided.setPrefHeight(170);
        decided.setMinHeight(120);
        decided.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        decided.getColumns().add(MyRequestsView.column("Requester", 160, r -> RequestText.person(r.requesterName(), r.requester())));
        decided.getColumns().add(MyRequestsView.column("Request", 220, RequestText::what));
        decided.getColumns().add(Cells.chip("Decision", 110, r -> r.state().wire(), r -> r.state().wire()));
        decided.getColumns().add(MyRequestsView.column("Reason", 220, r -> r.reason().orElse("")));
        decided.getColumns().add(MyRequestsView.column("At", 70, r -> r.decidedAt()
                .map(t -> RequestText.when(t, clock.instant(), zone)).orElse("")));
        decided.setPlaceholder(Placeholder.of("Nothing decided since you signed in. Requests you approve or deny appear here."));
        decided.getSelectionModel().selectedItemProperty().addListener((o, old, r) -> {
            if (r != null) {
                table.getSelectionModel().clearSelection();
                shown.set(r);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, old, r) -> {
            if (r != null) {
                decided.getSelectionModel().clearSelection();
                shown.set(r);
            }
        });
        VBox list = new VBox(12, heading, table, actions, message, new VBox(2, decidedHeading, decidedNote), decided);
        list.setPadding(new Insets(20, 16, 20, 20));
        list.setMinWidth(420);
        RequestDetailPane detail = new RequestDetailPane(shown, clock, decision);
        root = new SplitPane(list, detail.scrolling());
        // The detail pane at its least at 1024 px (the tables keep their columns), wider at 1920 px.
        SideWidths.keepRight(root, new SideWidths.Side(0.24, 250, 400));
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

    @Override
    public String navId() {
        return "nav-approvals";
    }
}
