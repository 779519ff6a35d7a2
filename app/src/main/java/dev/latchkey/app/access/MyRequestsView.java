package dev.latchkey.app.access;

import atlantafx.base.theme.Styles;
import dev.latchkey.app.common.Cells;
import dev.latchkey.app.common.DetailPane;
import dev.latchkey.app.common.Placeholder;
import dev.latchkey.app.common.Screen;
import dev.latchkey.app.common.SideWidths;
import dev.latchkey.core.brokerapi.AccessRequest;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** "My requests": what was asked, where it stands, who decided and why; cancel and extend. */
public final class MyRequestsView implements Screen {

    private final SplitPane root;
    private final TableView<AccessRequest> table = new TableView<>();

    /** @param newRequest opens the request form */
    public MyRequestsView(MyRequestsViewModel model, Clock clock, Runnable newRequest) {
        ZoneId zone = clock.getZone();
        Label heading = new Label("My requests");
        heading.getStyleClass().add("title");
        table.setId("my-requests");
        table.setAccessibleText("My requests");
        table.setItems(model.requests());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().add(column("Request", 220, RequestText::what));
        table.getColumns().add(Cells.chip("Status", 260, r -> RequestText.status(r, zone), r -> r.state().wire()));
        table.getColumns().add(column("Reviewers", 130, r -> String.join(", ", r.reviewers())));
        table.getColumns().add(column("Reason", 200, r -> r.reason().orElse("")));
        table.getColumns().add(column("Asked", 70, r -> RequestText.time(r.createdAt(), zone)));
        table.setPlaceholder(Placeholder.of("No requests yet. Press New request (or Ctrl+R in the browser)."));
        table.getSelectionModel().selectedItemProperty().addListener((o, old, r) -> model.selectedProperty().set(r));
        model.selectedProperty().addListener((o, old, r) -> {
            if (r != null && table.getSelectionModel().getSelectedItem() != r) {
                table.getSelectionModel().select(r);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Button fresh = button("_New request", "new-request", newRequest);
        fresh.getStyleClass().add(Styles.ACCENT);
        Button cancel = button("_Cancel request", "cancel-request", model::cancel);
        cancel.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
        // Cancel belongs to the selected request, in its detail pane, and only while it is pending.
        cancel.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.selectedProperty().get() != null
                && model.selectedProperty().get().state() == AccessRequest.State.PENDING, model.selectedProperty()));
        Button refresh = button("Re_fresh", "refresh-requests", model::refresh);
        TextField by = new TextField();
        by.setId("extend-by");
        by.setPromptText("30m");
        by.setAccessibleText("Extend by");
        by.setPrefColumnCount(5);
        by.textProperty().bindBidirectional(model.extendByProperty());
        TextField why = new TextField();
        why.setId("extend-why");
        why.setPromptText("why you need more time");
        why.textProperty().bindBidirectional(model.extendWhyProperty());
        HBox.setHgrow(why, Priority.ALWAYS);
        Button extend = button("E_xtend", "extend-request", model::extend);
        Label message = new Label();
        message.setId("my-requests-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        HBox actions = new HBox(10, fresh, refresh);
        why.setPrefColumnCount(24);
        FlowPane extendRow = new FlowPane(8, 6,
                new Label("Extend the selected grant by"), by, new Label("because"), why, extend);
        extendRow.setAlignment(Pos.CENTER_LEFT);
        VBox list = new VBox(12, heading, table, actions, extendRow, message);
        list.setPadding(new Insets(20, 16, 20, 20));
        list.setMinWidth(360);
        RequestDetailPane detail = new RequestDetailPane(model.selectedProperty(), clock, DetailPane.actions(cancel));
        root = new SplitPane(list, detail.scrolling());
        // The detail pane at its least at 1024 px (the tables keep their columns), wider at 1920 px.
        SideWidths.keepRight(root, new SideWidths.Side(0.24, 250, 400));
        root.setId("requests");
    }

    static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        return Cells.text(title, width, value);
    }

    static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
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
        return "My requests";
    }

    @Override
    public String navId() {
        return "nav-requests";
    }
}
