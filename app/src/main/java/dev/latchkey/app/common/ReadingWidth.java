package dev.latchkey.app.common;

import javafx.geometry.Pos;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/** Forms and pages of text stay at a width one can read, however wide the window. */
public final class ReadingWidth {

    /** The widest a form grows (the request form, settings, sign-in). */
    public static final double FORM = 760;

    private ReadingWidth() {
    }

    /** {@code content} (its max width set) at the top left of a pane that fills the window. */
    public static StackPane column(Region content) {
        StackPane pane = new StackPane(content);
        StackPane.setAlignment(content, Pos.TOP_LEFT);
        pane.setAlignment(Pos.TOP_LEFT);
        pane.setMinHeight(Region.USE_PREF_SIZE); // taller than the window: the window's scroll pane scrolls
        return pane;
    }
}
