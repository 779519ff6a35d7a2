package dev.latchkey.app.common;

import javafx.scene.Node;
import javafx.scene.TraversalDirection;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.beans.value.ObservableValue;
import javafx.scene.layout.Region;

/** Keyboard and validation conventions of the app's forms. */
public final class FormKeys {

    /** Submits a form from any field, text areas included: Ctrl+Enter (Cmd+Enter on macOS). */
    public static final KeyCombination SUBMIT = KeyCombination.keyCombination("Shortcut+Enter");

    private FormKeys() {
    }

    /** Ctrl/Cmd+Enter anywhere in {@code form} runs {@code submit}. */
    public static void submitOnShortcutEnter(Node form, Runnable submit) {
        form.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SUBMIT.match(e)) {
                e.consume();
                submit.run();
            }
        });
    }

    /**
     * Tab and Shift+Tab leave {@code area} for the next or previous control, as in every other
     * field, instead of typing a tab; Ctrl+Tab still types one.
     */
    public static void tabLeaves(TextArea area) {
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()) {
                e.consume();
                area.requestFocusTraversal(e.isShiftDown() ? TraversalDirection.PREVIOUS : TraversalDirection.NEXT);
            }
        });
    }

    /**
     * The problem of one field, shown right under it in the error colour; takes no room while empty.
     *
     * @param field the field, whose accessible help then carries the problem too
     */
    public static Label problemUnder(Node field, String id, ObservableValue<String> problem) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE); // a long problem takes the lines it needs rather than "…"
        l.textProperty().bind(problem);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        field.accessibleHelpProperty().bind(problem);
        return l;
    }
}
