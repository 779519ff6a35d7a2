package dev.latchkey.app.common;

import javafx.scene.control.Label;

/** The muted caption in front of a field in the app's forms (request, profile, settings). */
public final class FieldCaption {

    private FieldCaption() {
    }

    public static Label of(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("subtle");
        return l;
    }
}
