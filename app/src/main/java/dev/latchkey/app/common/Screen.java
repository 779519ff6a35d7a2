package dev.latchkey.app.common;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
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
     * The title as it changes while the screen shows, for a screen whose state is worth naming in
     * the window's title (sign-in says "Getting a sign-in code" until its code and button show);
     * the window follows it. Fixed at {@link #title()} unless a screen says otherwise.
     */
    default ObservableStringValue titleValue() {
        return Bindings.createStringBinding(this::title);
    }

    /**
     * The node id of the sidebar entry this screen belongs to ({@code nav-secrets}, ...), which the
     * window marks as the current page; empty for screens outside the sidebar (sign-in, welcome).
     */
    default String navId() {
        return "";
    }
}
