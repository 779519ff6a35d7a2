package dev.latchkey.app.common;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

/**
 * Checks that keyboard focus shows: each focusable control on screen is drawn differently when
 * it has the focus (a ring, a border) than when it has not. Call on the JavaFX thread.
 */
public final class FocusRings {

    private FocusRings() {
    }

    /** The controls of {@code scene} that look the same focused and unfocused; empty when all show focus. */
    public static List<String> missing(Scene scene) {
        List<Control> controls = new ArrayList<>();
        collect(scene.getRoot(), controls);
        Node away = scene.getRoot();
        List<String> out = new ArrayList<>();
        for (Control c : controls) {
            away.requestFocus();
            WritableImage before = c.snapshot(null, null);
            c.requestFocus();
            if (!c.isFocused()) {
                continue; // refuses focus (a read-only part of another control)
            }
            WritableImage after = c.snapshot(null, null);
            if (same(before, after)) {
                out.add(c.getClass().getSimpleName() + (c.getId() == null ? "" : "#" + c.getId()));
            }
        }
        away.requestFocus();
        return out;
    }

    private static void collect(Node n, List<Control> out) {
        if (!n.isVisible() || n.isDisabled()) {
            return;
        }
        if (n instanceof Control c && c.isFocusTraversable() && c.getScene() != null) {
            out.add(c);
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(x -> collect(x, out));
        }
    }

    private static boolean same(WritableImage a, WritableImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        PixelReader ra = a.getPixelReader();
        PixelReader rb = b.getPixelReader();
        for (int y = 0; y < (int) a.getHeight(); y++) {
            for (int x = 0; x < (int) a.getWidth(); x++) {
                if (ra.getArgb(x, y) != rb.getArgb(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }
}
