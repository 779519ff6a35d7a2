package dev.latchkey.app.activity;

import dev.latchkey.app.common.Screen;
import dev.latchkey.core.launch.GrantUse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.util.StringConverter;

/**
 * Activity: a table of agent reads, launches and stopped commits (time, what, process, references,
 * decision, grant), a text and a decision filter, and "Export…" to JSON lines.
 */
public final class ActivityView implements Screen {

    /** Parents named in the table; the cell's tooltip names them all. */
    private static final int PARENTS_SHOWN = 2;

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
                column("Time", 120, r -> model.when(r)),
                column("What", 200, r -> r.kind().label() + "\n" + r.summary()
                        + (r.details().isEmpty() ? "" : "\n" + String.join("\n", r.details()))),
                column("Process", 220, r -> process(r, PARENTS_SHOWN), r -> process(r, Integer.MAX_VALUE)),
                column("References", 200, r -> r.refs().isEmpty() ? "—" : String.join("\n", r.refs())),
                column("Decision", 96, r -> r.decision().label()),
                grants(model)));
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

    private static String process(ActivityRow r, int parents) {
        return r.processText() + (r.folderText().isEmpty() ? "" : "\nin " + r.folderText())
                + (r.parentsText().isEmpty() ? "" : "\nfrom " + r.parentsText(parents));
    }

    private TableColumn<ActivityRow, String> column(String name, double width, Function<ActivityRow, String> text) {
        return column(name, width, text, text);
    }

    /** A column of wrapped text; {@code tip} says it all on hover. */
    private TableColumn<ActivityRow, String> column(String name, double width, Function<ActivityRow, String> text,
                                                    Function<ActivityRow, String> tip) {
        TableColumn<ActivityRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(text.apply(f.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            // A Text wrapped at the column's width: the row grows to as many lines as that makes.
            private final Text text = new Text();

            {
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(14));
                text.fillProperty().bind(textFillProperty());
                text.fontProperty().bind(fontProperty());
                // The row asks its cells for their height before the text wraps; this tells it the wrapped one.
                prefHeightProperty().bind(Bindings.createDoubleBinding(() -> text.getLayoutBounds().getHeight() + 10,
                        text.layoutBoundsProperty()));
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty || item == null ? null : text);
                // A path too long for the column is cut; the whole text is one hover away.
                ActivityRow row = getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(empty || item == null || row == null ? null : new Tooltip(tip.apply(row)));
                setAlignment(Pos.TOP_LEFT);
            }
        });
        c.setPrefWidth(width);
        c.setMinWidth(Math.max(92, width * 0.6));
        c.setSortable(false);
        return c;
    }

    private TableColumn<ActivityRow, ActivityRow> grants(ActivityViewModel model) {
        TableColumn<ActivityRow, ActivityRow> c = new TableColumn<>("Grant");
        c.setPrefWidth(170);
        c.setMinWidth(100);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ActivityRow row, boolean empty) {
                super.updateItem(row, empty);
                setAlignment(Pos.TOP_LEFT);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                VBox box = new VBox(2);
                if (row.grants().isEmpty()) {
                    box.getChildren().add(new Label("—"));
                }
                for (GrantUse g : row.grants()) {
                    if (g.grantId().isPresent()) {
                        Hyperlink link = new Hyperlink(ActivityRow.grantText(g));
                        link.getStyleClass().add("activity-grant");
                        link.setOnAction(e -> model.showGrant(g.grantId().get()));
                        box.getChildren().add(link);
                    } else {
                        Text plain = new Text(ActivityRow.grantText(g));
                        plain.wrappingWidthProperty().bind(col.widthProperty().subtract(14));
                        plain.fillProperty().bind(textFillProperty());
                        plain.fontProperty().bind(fontProperty());
                        box.getChildren().add(plain);
                    }
                }
                box.maxWidthProperty().bind(col.widthProperty().subtract(12));
                setGraphic(box);
                setTooltip(new Tooltip(row.grants().isEmpty() ? "No grant: nothing was served"
                        : String.join("\n", row.grants().stream().map(ActivityRow::grantText).toList())));
            }
        });
        c.setSortable(false);
        return c;
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
