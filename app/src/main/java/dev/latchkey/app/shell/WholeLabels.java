package dev.latchkey.app.shell;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Cell;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Region;

/**
 * Keeps every button, label and check box of a screen at least as wide as its text, so none is
 * ever drawn as "Co…": a row too narrow then wraps (the screens use flow panes for actions) or
 * scrolls, instead of cutting words. Labels that wrap, and the cells of lists and tables (which
 * show the full text in a tooltip), are left alone. Controls added later are handled too.
 */
public final class WholeLabels {

    private static final Object WATCHED = new Object();

    private WholeLabels() {
    }

    /** Applies the rule to {@code node} and everything under it, now and as children come. */
    public static void keep(Node node) {
        if (node == null || node instanceof Cell<?>) {
            return;
        }
        if (node instanceof Labeled l && !l.isWrapText() && !l.minWidthProperty().isBound()
                && l.getMinWidth() == Region.USE_COMPUTED_SIZE) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        switch (node) {
            case SplitPane s -> s.getItems().forEach(WholeLabels::keep);
            case ScrollPane s -> keep(s.getContent());
            case TabPane t -> t.getTabs().forEach(tab -> keep(tab.getContent()));
            case TitledPane t -> keep(t.getContent());
            case Control c -> { } // a control's skin lays out its own parts
            case Parent p -> watch(p);
            default -> { }
        }
    }

    private static void watch(Parent p) {
        p.getChildrenUnmodifiable().forEach(WholeLabels::keep);
        if (p.getProperties().putIfAbsent(WATCHED, WATCHED) == null) {
            p.getChildrenUnmodifiable().addListener((ListChangeListener<Node>) c -> {
                while (c.next()) {
                    c.getAddedSubList().forEach(WholeLabels::keep);
                }
            });
        }
    }
}
