package dev.latchkey.app.common;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Cell;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;

/**
 * Checks that a screen reader has a name for every control the keyboard can reach: its
 * accessible text, else the text it shows (a button's, a check box's), else the label that is
 * {@code labelFor} it, else (for a field) its prompt. Call on the JavaFX thread.
 */
public final class AccessibleNames {

    private AccessibleNames() {
    }

    /** The focusable controls of {@code scene} with no accessible name; empty when all have one. */
    public static List<String> missing(Scene scene) {
        List<Control> controls = new ArrayList<>();
        Set<Node> labelled = new HashSet<>();
        collect(scene.getRoot(), controls, labelled);
        List<String> out = new ArrayList<>();
        for (Control c : controls) {
            if (!named(c, labelled)) {
                out.add(c.getClass().getSimpleName() + (c.getId() == null ? "" : "#" + c.getId()));
            }
        }
        return out;
    }

    private static boolean named(Control c, Set<Node> labelled) {
        if (!blank(c.getAccessibleText()) || labelled.contains(c)) {
            return true;
        }
        if (c instanceof Labeled l) {
            return !blank(l.getText().replace("_", ""));
        }
        if (c instanceof TextInputControl t) {
            return !blank(t.getPromptText());
        }
        if (c instanceof ComboBoxBase<?> b) {
            return !blank(b.getPromptText());
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void collect(Node n, List<Control> out, Set<Node> labelled) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Label l && l.getLabelFor() != null) {
            labelled.add(l.getLabelFor());
        }
        // Scroll panes, bars and split panes move the view, and a cell is read through its list or table:
        // none is a control a person names.
        if (n instanceof Control c && c.isFocusTraversable() && !c.isDisabled() && !(c instanceof ScrollPane)
                && !(c instanceof ScrollBar) && !(c instanceof SplitPane) && !(c instanceof Cell<?>)) {
            out.add(c);
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(x -> collect(x, out, labelled));
        }
    }
}
