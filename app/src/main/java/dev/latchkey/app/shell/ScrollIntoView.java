package dev.latchkey.app.shell;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/** Scrolls the window's content so a node that got the focus is inside the visible part. */
final class ScrollIntoView {

    private static final double MARGIN = 12;

    private ScrollIntoView() {
    }

    static void reveal(ScrollPane pane, Node node) {
        Node content = pane.getContent();
        if (content == null || !isInside(node, content)) {
            return;
        }
        double viewport = pane.getViewportBounds().getHeight();
        double extra = content.getBoundsInLocal().getHeight() - viewport;
        if (extra <= 0) {
            return;
        }
        Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double top = pane.getVvalue() * extra;
        if (b.getMinY() < top) {
            top = b.getMinY() - MARGIN;
        } else if (b.getMaxY() > top + viewport) {
            top = b.getMaxY() - viewport + MARGIN;
        } else {
            return;
        }
        pane.setVvalue(Math.max(0, Math.min(1, top / extra)));
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }
}
