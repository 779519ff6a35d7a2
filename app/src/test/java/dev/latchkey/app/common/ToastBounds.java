package dev.latchkey.app.common;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;

/**
 * Finds the page's visible buttons that a toast overlaps (a toast's own Close aside), by layout bounds: a
 * toast's drop shadow may fall on a button's edge, the toast itself may not.
 */
public final class ToastBounds {

    private ToastBounds() {
    }

    /** One line per covered button, naming it and the toast over it; empty when no toast hides a button. */
    public static List<String> coveredButtons(Scene scene) {
        List<Node> toasts = List.copyOf(scene.getRoot().lookupAll(".toast"));
        List<Button> buttons = new ArrayList<>();
        collect(scene.getRoot(), buttons);
        List<String> out = new ArrayList<>();
        for (Node toast : toasts) {
            if (!toast.isVisible()) {
                continue;
            }
            Bounds t = toast.localToScene(toast.getLayoutBounds());
            for (Button b : buttons) {
                Bounds shown = shownPart(b);
                if (!inside(b, toast) && shown != null && shown.intersects(t)) {
                    out.add("toast " + toast.getId() + " covers " + (b.getId() == null ? "" : "#" + b.getId())
                            + " '" + b.getText() + "' (toast " + box(t) + ", button " + box(shown) + ")");
                }
            }
        }
        return out;
    }

    /** The toasts' own bounds in the scene, for tests that check where they sit. */
    public static List<Bounds> of(Scene scene) {
        return scene.getRoot().lookupAll(".toast").stream().map(n -> n.localToScene(n.getLayoutBounds())).toList();
    }

    /**
     * The part of {@code n} on screen: its bounds cut by every scroll pane around it (a button
     * below the fold is not covered by what sits over the fold); null when none of it shows.
     */
    private static Bounds shownPart(Node n) {
        Bounds b = n.localToScene(n.getLayoutBounds());
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane) {
                Bounds v = p.localToScene(p.getLayoutBounds());
                double minX = Math.max(b.getMinX(), v.getMinX());
                double minY = Math.max(b.getMinY(), v.getMinY());
                double maxX = Math.min(b.getMaxX(), v.getMaxX());
                double maxY = Math.min(b.getMaxY(), v.getMaxY());
                if (maxX <= minX || maxY <= minY) {
                    return null;
                }
                b = new BoundingBox(minX, minY, maxX - minX, maxY - minY);
            }
        }
        return b;
    }

    private static String box(Bounds b) {
        return Math.round(b.getMinX()) + "," + Math.round(b.getMinY()) + " to " + Math.round(b.getMaxX()) + ","
                + Math.round(b.getMaxY());
    }

    private static void collect(Node n, List<Button> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Button b) {
            out.add(b);
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }

    private static boolean inside(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }
}
