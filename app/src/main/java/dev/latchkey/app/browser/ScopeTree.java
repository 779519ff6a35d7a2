package dev.latchkey.app.browser;

import dev.latchkey.core.brokerapi.Scope;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/**
 * The browser's scopes, grouped by team, each with the caller's access as a badge. Selecting one
 * selects it in the view model, and the view model's selection shows here.
 */
final class ScopeTree {

    /** A tree line: a team (no scope) or one of its environments. */
    private record Entry(String label, Scope scope) {
    }

    private final SecretsBrowserViewModel model;
    private final ZoneId zone;
    private final TreeView<Entry> tree = new TreeView<>();

    ScopeTree(SecretsBrowserViewModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
        tree.setId("scope-tree");
        tree.setAccessibleText("Scopes, by team, with your access");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new ScopeCell());
        model.scopes().addListener((ListChangeListener<Scope>) c -> rebuild());
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && item.getValue().scope() != null) {
                model.selectedScopeProperty().set(item.getValue().scope());
            }
        });
        model.selectedScopeProperty().addListener((obs, old, scope) -> select(scope));
    }

    TreeView<?> view() {
        return tree;
    }

    /** Redraws the badges (a grant started or ended). */
    void refresh() {
        tree.refresh();
    }

    private void rebuild() {
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
        select(model.selectedScopeProperty().get());
    }

    private void select(Scope scope) {
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
                setTooltip(null);
                setAccessibleText(null);
                return;
            }
            setText(entry.label());
            if (entry.scope() == null) {
                setGraphic(null);
                setId("team-" + entry.label());
                setAccessibleText("Team " + entry.label());
            } else {
                Label badge = new Label(AccessBadge.text(entry.scope(), model.grants(), model.now(), zone));
                badge.getStyleClass().addAll("badge", AccessBadge.styleClass(entry.scope()));
                setGraphic(badge);
                setTooltip(new Tooltip(entry.scope().name() + ": " + badge.getText()));
                setAccessibleText(entry.scope().name() + ", " + badge.getText());
                setContentDisplay(ContentDisplay.RIGHT);
                setGraphicTextGap(10);
                setId("scope-" + entry.scope().name().replace('/', '-'));
            }
        }
    }
}
