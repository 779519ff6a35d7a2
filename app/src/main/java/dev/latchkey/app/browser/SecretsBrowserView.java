package dev.latchkey.app.browser;

import dev.latchkey.app.common.Screen;
import dev.latchkey.app.common.Shortcuts;
import dev.latchkey.core.brokerapi.Scope;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Scope tree on the left; filter, secrets table and value actions on the right. */
public final class SecretsBrowserView implements Screen {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A tree line: a team (no scope) or one of its environments. */
    private record Entry(String label, Scope scope) {
    }

    private final SecretsBrowserViewModel model;
    private final ZoneId zone;
    private final SplitPane root;
    private final TextField filter = new TextField();
    private final TableView<SecretRow> table = new TableView<>();
    private final TreeView<Entry> tree = new TreeView<>();

    public SecretsBrowserView(SecretsBrowserViewModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
        tree.setId("scope-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new ScopeCell());
        model.scopes().addListener((javafx.collections.ListChangeListener<Scope>) c -> rebuildTree());
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && item.getValue().scope() != null) {
                model.selectedScopeProperty().set(item.getValue().scope());
            }
        });
        model.selectedScopeProperty().addListener((obs, old, scope) -> selectInTree(scope));

        filter.setId("filter");
        filter.setPromptText("Filter all scopes (Ctrl+F)");
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                filter.clear();
            } else if (e.getCode() == KeyCode.DOWN) {
                table.requestFocus();
                table.getSelectionModel().selectFirst();
            }
        });

        table.setId("secrets");
        table.itemsProperty().bind(model.rowsProperty());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Scope", 120, r -> r.scope().name()));
        table.getColumns().add(column("Name", 200, r -> r.meta().name()));
        table.getColumns().add(column("Access", 130, r -> model.access(r).text(zone)));
        table.getColumns().add(column("Description", 240, r -> r.meta().description()));
        table.getColumns().add(column("Version", 70, r -> Long.toString(r.meta().version())));
        table.getColumns().add(column("Updated", 130, r -> time(r.meta().updated())));
        table.getColumns().add(column("Rotate by", 130, r -> time(r.meta().rotationDue())));
        table.setPlaceholder(new Label("No secrets here. Pick another scope, or change the filter."));
        VBox.setVgrow(table, Priority.ALWAYS);

        var selected = table.getSelectionModel().selectedItemProperty();
        selected.addListener((obs, old, row) -> model.selectedRowProperty().set(row));
        var access = model.selectedAccessProperty();
        var noneOrUnreadable = Bindings.createBooleanBinding(() -> access.get() == null || !access.get().readable(), access);
        // A grant that starts or ends on the expiry clock changes what the Access column says.
        model.accessVersionProperty().addListener((obs, old, now) -> {
            table.refresh();
            tree.refresh();
        });
        Button reveal = button("_Reveal", "reveal", () -> model.reveal(selected.get()));
        reveal.disableProperty().bind(noneOrUnreadable);
        Button copy = button("Copy _value", "copy-value", () -> model.copyValue(selected.get()));
        copy.disableProperty().bind(noneOrUnreadable);
        Button copyRef = button("Copy r_eference", "copy-reference", () -> model.copyReference(selected.get()));
        copyRef.disableProperty().bind(selected.isNull());
        Button hide = button("Hi_de", "hide", model::hide);
        hide.visibleProperty().bind(model.revealedRowProperty().isNotNull());
        Label revealed = new Label();
        revealed.setId("revealed-value");
        revealed.getStyleClass().add("copyable");
        revealed.textProperty().bind(model.revealedValueProperty());
        Label message = new Label();
        message.setId("browser-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        HBox actions = new HBox(8, reveal, copy, copyRef, hide, revealed);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label count = new Label();
        count.setId("row-count");
        count.getStyleClass().add("subtle");
        count.textProperty().bind(Bindings.createStringBinding(
                () -> String.format("%,d secrets", model.rows().size()), model.rowsProperty()));
        HBox.setHgrow(filter, Priority.ALWAYS);
        VBox right = new VBox(10, new HBox(10, filter, count), table, actions, message);
        right.setPadding(new Insets(12));

        StackPane left = new StackPane(tree, loadOverlay());
        root = new SplitPane(left, right);
        root.setDividerPositions(0.26);
        root.setId("browser");
    }

    /** Covers the tree while loading, and shows a failure in place with a retry. */
    private Node loadOverlay() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(32, 32);
        Label text = new Label();
        text.setId("load-status");
        text.setWrapText(true);
        Button retry = button("Retr_y", "retry", model::load);
        VBox box = new VBox(12, spinner, text, retry);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(16));
        box.getStyleClass().add("card");
        Runnable update = () -> {
            switch (model.loadProperty().get()) {
                case SecretsBrowserViewModel.Load.Loading l -> {
                    box.setVisible(true);
                    spinner.setVisible(true);
                    retry.setVisible(false);
                    text.setText("Loading scopes and secrets …");
                }
                case SecretsBrowserViewModel.Load.Failed f -> {
                    box.setVisible(true);
                    spinner.setVisible(false);
                    retry.setVisible(true);
                    text.setText(f.why());
                }
                case SecretsBrowserViewModel.Load.Loaded l -> box.setVisible(false);
            }
        };
        model.loadProperty().addListener((obs, old, now) -> update.run());
        update.run();
        return box;
    }

    private void rebuildTree() {
        TreeItem<Entry> top = new TreeItem<>(new Entry("scopes", null));
        Map<String, TreeItem<Entry>> teams = new LinkedHashMap<>();
        for (Scope s : model.scopes()) {
            String[] parts = s.name().split("/", 2);
            TreeItem<Entry> team = teams.computeIfAbsent(parts[0], t -> {
                TreeItem<Entry> item = new TreeItem<>(new Entry(t, null));
                item.setExpanded(true);
                top.getChildren().add(item);
                return item;
            });
            team.getChildren().add(new TreeItem<>(new Entry(parts.length > 1 ? parts[1] : s.name(), s)));
        }
        tree.setRoot(top);
        selectInTree(model.selectedScopeProperty().get());
    }

    private void selectInTree(Scope scope) {
        if (scope == null || tree.getRoot() == null) {
            return;
        }
        for (TreeItem<Entry> team : tree.getRoot().getChildren()) {
            for (TreeItem<Entry> env : team.getChildren()) {
                if (scope.equals(env.getValue().scope()) && tree.getSelectionModel().getSelectedItem() != env) {
                    tree.getSelectionModel().select(env);
                }
            }
        }
    }

    private final class ScopeCell extends TreeCell<Entry> {
        @Override
        protected void updateItem(Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setText(null);
                setGraphic(null);
                setId(null);
                return;
            }
            setText(entry.label());
            if (entry.scope() == null) {
                setGraphic(null);
                setId("team-" + entry.label());
            } else {
                Label badge = new Label(AccessBadge.text(entry.scope(), model.grants(), model.now(), zone));
                badge.getStyleClass().addAll("badge", AccessBadge.styleClass(entry.scope()));
                setGraphic(badge);
                setContentDisplay(ContentDisplay.RIGHT);
                setGraphicTextGap(10);
                setId("scope-" + entry.scope().name().replace('/', '-'));
            }
        }
    }

    private String time(Optional<Instant> t) {
        return t.map(i -> DAY_TIME.format(i.atZone(zone))).orElse("");
    }

    private static TableColumn<SecretRow, String> column(String title, double width, Function<SecretRow, String> value) {
        TableColumn<SecretRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.managedProperty().bind(b.visibleProperty());
        return b;
    }

    /** The view model behind this view. */
    public SecretsBrowserViewModel model() {
        return model;
    }

    /** Ctrl/Cmd+F focuses the filter. */
    public Map<KeyCombination, Runnable> shortcuts() {
        return Map.of(Shortcuts.FILTER, () -> {
            filter.requestFocus();
            filter.selectAll();
        });
    }


    @Override
    public Node root() {
        return root;
    }

    @Override
    public Node initialFocus() {
        return filter;
    }

    @Override
    public String title() {
        return "Secrets";
    }
}
