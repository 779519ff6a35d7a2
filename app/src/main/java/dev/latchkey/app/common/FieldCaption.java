package dev.latchkey.app.common;

import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;

/** The muted caption in front of a field in the app's forms (request, profile, settings). */
public final class FieldCaption {

    private static final String CAPTION = "field-caption";

    private FieldCaption() {
    }

    public static Label of(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("subtle", CAPTION);
        return l;
    }

    /**
     * Ties each caption in column 0 of {@code form} to the first control in its row, so a screen
     * reader names the field by its caption: the label is {@code labelFor} the control, and a
     * control that shows no text of its own (a list, a choice) takes the caption as its
     * accessible text.
     */
    public static void name(GridPane form) {
        for (Node n : form.getChildren()) {
            if (!(n instanceof Label caption) || !caption.getStyleClass().contains(CAPTION)) {
                continue;
            }
            int row = Optional.ofNullable(GridPane.getRowIndex(caption)).orElse(0);
            form.getChildren().stream()
                    .filter(f -> f != caption && Optional.ofNullable(GridPane.getRowIndex(f)).orElse(0) == row)
                    .findFirst().flatMap(FieldCaption::firstControl).ifPresent(c -> {
                        caption.setLabelFor(c);
                        boolean showsItsName = c instanceof TextInputControl
                                || c instanceof Labeled l && l.getText() != null && !l.getText().isBlank();
                        if (!showsItsName && c.getAccessibleText() == null) {
                            c.setAccessibleText(caption.getText());
                        }
                    });
        }
    }

    /** The first field in {@code n}: buttons beside a field (presets, Browse …) name themselves. */
    private static Optional<Control> firstControl(Node n) {
        if (n instanceof Control c && c.isFocusTraversable() && !(c instanceof Button)) {
            return Optional.of(c);
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                Optional<Control> found = firstControl(child);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
