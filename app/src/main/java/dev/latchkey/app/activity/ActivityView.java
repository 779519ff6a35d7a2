package dev.latchkey.app.activity;

import dev.latchkey.app.common.Screen;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Activity: a table of agent reads, launches and stopped commits (time, what, process, references,
 * decision, grant), a text and a decision filter, and "Export…" to JSON lines.
 */
public final class ActivityView implements Screen {

    private final VBox root;
    private final TableView<ActivityRow> table = new TableView<>();

    /**
     * @param exportTo asks the user where to export (a save dialog); empty when they cancel
     */
    public ActivityView(ActivityViewModel model, Supplier<Optional<Path>> exportTo) {
        Label heading = new Label("Activity");
        heading.getStyleClass().add("title");
        Button export = new Button("_Export…");
        export.setId("activity-export");
        export.setTooltip(new Tooltip("Save the entries shown as JSON lines (references and names only, no values)"));
        export.setOnAction(e -> exportTo.get().ifPresent(model::export));
        Button refresh = new Button("_Refresh");
        refresh.setId("activity-refresh");
        refresh.setOnAction(e -> model.load());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(12, heading, gap, export, refresh);
        top.setAlignment(Pos.CENTER_LEFT);

        Label about = new Label("Every secret read through the Latchkey agent, every launch, and every commit or push "
                + "the leak guard stopped, newest first. Entries name processes and references, never a value.");
        about.setWrapText(true);
        about.setMinHeight(Region.USE_PREF_SIZE);
        about.getStyleClass().add("subtle");

        TextField filter = new TextField();
        filter.setId("activity-filter");
        filter.setPromptText("Filter by process, folder, reference or grant");
        filter.setAccessibleText("Filter activity");
        filter.textProperty().bindBidirectional(model.filterTextProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        ComboBox<ActivityRow.Decision> decision = new ComboBox<>();
        decision.setId("activity-decision");
        decision.setAccessibleText("Decision");
        decision.getItems().add(null);
        decision.getItems().addAll(ActivityRow.Decision.values());
        decision.setConverter(new StringConverter<>() {
            @Override
            public String toString(ActivityRow.Decision d) {
                return d == null ? "All decisions" : d.label();
            }

            @Override
            public ActivityRow.Decision fromString(String s) {
                return null;
            }
        });
        decision.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(ActivityRow.Decision d, boolean empty) {
                super.updateItem(d, empty);
                setText(d == null ? "All decisions" : d.label());
            }
        });
        decision.valueProperty().bindBidirectional(model.decisionFilterProperty());
        decision.setMinWidth(Region.USE_PREF_SIZE);
        Label exported = new Label();
        exported.setId("activity-exported");
        exported.textProperty().bind(model.exportedProperty());
        exported.getStyleClass().add("subtle");
        HBox filters = new HBox(12, filter, decision);
        filters.setAlignment(Pos.CENTER_LEFT);

        table.setId("activity");
        table.setAccessibleText("Activity");
        table.setItems(model.rows());
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ActivityRow row, boolean empty) {
                super.updateItem(row, empty);
                setId(empty || row == null ? null : "activity-" + row.kind().wire());
            }
        });
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().setAll(List.of(
                ActivityColumns.wrapped("Time", 100, model::when),
                ActivityColumns.lines("What", 250, ActivityColumns::what, r -> ActivityColumns.whole(ActivityColumns.what(r))),
                ActivityColumns.lines("Process", 250, ActivityColumns::process,
                        r -> ActivityColumns.whole(ActivityColumns.process(r))),
                ActivityColumns.lines("References", 200, ActivityColumns::refs, r -> String.join("\n", r.refs())),
                ActivityColumns.wrapped("Decision", 80, r -> r.decision().label()),
                ActivityColumns.grants(model)));
        Label placeholder = new Label();
        placeholder.setId("activity-message");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(560);
        placeholder.textProperty().bind(model.messageProperty());
        table.setPlaceholder(placeholder);
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(12, top, about, filters, table, exported);
        root.setPadding(new Insets(24));
        root.setId("activity-screen");
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
        return "Activity";
    }

    @Override
    public String navId() {
        return "nav-activity";
    }
}
