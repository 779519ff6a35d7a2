package dev.latchkey.app.common;

import javafx.geometry.Insets;
import javafx.scene.control.Label;

/** What an empty list or table says instead of rows: wrapped, so it reads whole in a narrow pane. */
public final class Placeholder {

    private Placeholder() {
    }

    public static Label of(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("subtle");
        l.setPadding(new Insets(12));
        return l;
    }
}
