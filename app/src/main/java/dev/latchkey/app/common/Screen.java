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

    /**
     * The node id of the sidebar entry this screen belongs to ({@code nav-secrets}, ...), which the
     * window marks as the current page; empty for screens outside the sidebar (sign-in, welcome).
     */
    default String navId() {
        return "";
    }
}
