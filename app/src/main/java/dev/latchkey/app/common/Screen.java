package dev.latchkey.app.common;

import javafx.scene.Node;

/** One screen of the main window: a view bound to its view model. */
public interface Screen {

    /** The screen's root node; built once. */
    Node root();

    /** The node that gets focus when the screen appears, so the keyboard can start at once. */
    default Node initialFocus() {
        return root();
    }

    /** What the window title says after "Latchkey — ". */
    String title();
}
