package dev.latchkey.app.browser;

import atlantafx.base.theme.Styles;
import dev.latchkey.app.common.AccessNeed;
import dev.latchkey.app.common.Cells;
import dev.latchkey.app.common.DetailPane;
import dev.latchkey.app.common.Screen;
import dev.latchkey.app.common.Shortcuts;
import dev.latchkey.app.common.SideWidths;
import dev.latchkey.core.brokerapi.Scope;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Scope tree on the left; filter, secrets table and value actions on the right. */
public final class SecretsBrowserView implements Screen {

    // Rotation is due on a day; the detail pane gives the hour. The day alone fits the column at 1024 px.
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final SecretsBrowserViewModel model;
    private final ZoneId zone;
    private final SplitPane root;
    private final TextField filter = new TextField();
    private final TableView<SecretRow> table = new TableView<>();
    private final ScopeTree tree;
    private final Label scopeName = new Label();
    private final Label scopeBadge = new Label();
    private final Button requestScope = new Button();
    private final SecretDetailPane detail;
    private Consumer<AccessNeed> onRequest = need -> { };

    public SecretsBrowserView(SecretsBrowserViewModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
        tree = new ScopeTree(model, zone);
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
        table.setAccessibleText("Secrets of the selected scope");
        table.itemsProperty().bind(model.rowsProperty());
        // Spare room goes to every column by its preferred width: the description gets most of it.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<SecretRow, String> scopeColumn = Cells.text("Scope", 120, r -> r.scope().name());
        // Without a filter every row is of the selected scope, named above the table: no column for it.
        scopeColumn.visibleProperty().bind(model.filterProperty().isNotEmpty());
        table.getColumns().add(scopeColumn);
        table.getColumns().add(Cells.text("Name", 190, r -> r.meta().name()));
        // Spare width goes to the name and the description; the chip and the date need no more than this.
        scopeColumn.setMaxWidth(220);
        TableColumn<SecretRow, String> accessColumn = Cells.chip("Access", 140, r -> model.access(r).text(zone),
                r -> model.access(r).kind());
        accessColumn.setMaxWidth(200);
        table.getColumns().add(accessColumn);
        table.getColumns().add(Cells.text("Description", 300, r -> r.meta().description()));
        TableColumn<SecretRow, String> rotateColumn = Cells.text("Rotate by", 100, r -> day(r.meta().rotationDue()));
        rotateColumn.setMaxWidth(130);
        table.getColumns().add(rotateColumn);
        table.setPlaceholder(LoadStates.placeholder(model));
        VBox.setVgrow(table, Priority.ALWAYS);

        var selected = table.getSelectionModel().selectedItemProperty();
        selected.addListener((obs, old, row) -> model.selectedRowProperty().set(row));
        var access = model.selectedAccessProperty();
        var noneOrUnreadable = Bindings.createBooleanBinding(() -> access.get() == null || !access.get().readable(), access);
        // A grant that starts or ends on the expiry clock changes what the Access column says.
        model.accessVersionProperty().addListener((obs, old, now) -> {
            table.refresh();
            tree.refresh();
            updateScopeHeader();
        });
        Button reveal = button("_Reveal", "reveal", () -> model.reveal(selected.get()));
        reveal.disableProperty().bind(noneOrUnreadable);
        reveal.getStyleClass().add(Styles.ACCENT);
        reveal.setGraphic(FontIcon.of(Feather.EYE, 14));
        Button copy = button("Copy _value", "copy-value", () -> model.copyValue(selected.get()));
        copy.disableProperty().bind(noneOrUnreadable);
        copy.setGraphic(FontIcon.of(Feather.COPY, 14));
        Button copyRef = button("Copy r_eference", "copy-reference", () -> model.copyReference(selected.get()));
        copyRef.disableProperty().bind(selected.isNull());
        copyRef.setGraphic(FontIcon.of(Feather.LINK, 14));
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
        detail = new SecretDetailPane(model, zone, reveal, copy, copyRef, hide, revealed, message);
        ScrollPane detailScroll = detail.scrolling();

        Label count = new Label();
        count.setId("row-count");
        count.getStyleClass().add("subtle");
        count.textProperty().bind(Bindings.createStringBinding(
                () -> String.format("%,d secrets", model.rows().size()), model.rowsProperty()));
        HBox.setHgrow(filter, Priority.ALWAYS);
        HBox filterRow = new HBox(10, filter, count);
        filterRow.setAlignment(Pos.CENTER_LEFT);
        VBox center = new VBox(10, scopeHeader(), filterRow, table);
        center.setPadding(new Insets(12, 8, 12, 8));
        center.setMinWidth(320);

        StackPane left = new StackPane(tree.view(), LoadStates.overlay(model, button("Retr_y", "retry", model::load)));
        left.setMinWidth(240); // a scope's name and its badge, "requestable (up to 8 h)", whole
        left.setPrefWidth(250);
        left.setMaxWidth(300);
        root = new SplitPane(left, center, detailScroll);
        // At 1024 px the tree and the detail pane are at their least so the table keeps every column
        // whole; at 1920 px the detail pane is at its widest, and the table has the rest.
        SideWidths.keep(root, new SideWidths.Side(0.15, 240, 300), new SideWidths.Side(0.2, DetailPane.MIN_WIDTH, 380));
        root.setId("browser");
    }

    /** The selected scope's name and access, with "Request access to payments/prod …" where a request would help. */
    private Node scopeHeader() {
        scopeName.setId("scope-name");
        scopeName.getStyleClass().add("card-title");
        scopeBadge.setId("scope-badge");
        requestScope.setId("request-access-cta");
        requestScope.getStyleClass().add(Styles.ACCENT);
        requestScope.setGraphic(FontIcon.of(Feather.UNLOCK, 14));
        requestScope.managedProperty().bind(requestScope.visibleProperty());
        requestScope.setOnAction(e -> {
            Scope scope = model.selectedScopeProperty().get();
            if (scope != null) {
                onRequest.accept(new AccessNeed(scope.name(), List.of()));
            }
        });
        model.selectedScopeProperty().addListener((o, old, now) -> updateScopeHeader());
        model.filterProperty().addListener((o, old, now) -> updateScopeHeader());
        model.scopes().addListener((ListChangeListener<Scope>) c -> updateScopeHeader());
        updateScopeHeader();
        FlowPane box = new FlowPane(10, 6, new HBox(10, scopeName, scopeBadge), requestScope);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void updateScopeHeader() {
        Scope scope = model.selectedScopeProperty().get();
        boolean filtering = !model.filterProperty().get().isBlank();
        scopeName.setText(scope == null ? "" : scope.name());
        scopeBadge.setText(scope == null ? "" : AccessBadge.text(scope, model.grants(), model.now(), zone));
        scopeBadge.getStyleClass().setAll("label", "badge");
        if (scope != null) {
            scopeBadge.getStyleClass().add(AccessBadge.styleClass(scope));
        }
        scopeBadge.setVisible(scope != null);
        requestScope.setText(scope == null ? "" : "Request access to " + scope.name() + " …");
        requestScope.setVisible(!filtering && model.requestable(scope));
    }

    /** What the browser's "Request access …" buttons do: open the request form for that scope and secret. */
    public void onRequestAccess(Consumer<AccessNeed> action) {
        onRequest = action;
        detail.onRequest(action);
    }

    private String day(Optional<Instant> t) {
        return t.map(i -> DAY.format(i.atZone(zone))).orElse("");
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

    @Override
    public String navId() {
        return "nav-secrets";
    }
}
