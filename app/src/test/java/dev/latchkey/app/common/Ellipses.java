package dev.latchkey.app.common;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Cell;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * Finds labels, buttons and check boxes whose skin draws their text cut short ("Co…"): it compares
 * each Labeled's text with what its skin's text node draws. A cut cell of a table or list passes
 * when the cell's tooltip carries the whole text.
 */
public final class Ellipses {

    private Ellipses() {
    }

    /** One line per cut label, naming it and what it drew; empty when every text is whole. */
    public static List<String> in(Scene scene) {
        List<String> out = new ArrayList<>();
        walk(scene.getRoot(), out);
        return out;
    }

    private static void walk(Node n, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()
                && l.getContentDisplay() != ContentDisplay.GRAPHIC_ONLY) {
            String whole = l.isMnemonicParsing() ? l.getText().replaceFirst("_(?=.)", "") : l.getText();
            for (Node c : l.getChildrenUnmodifiable()) {
                if (c instanceof Text t && c.isVisible() && t.getText() != null && !t.getText().replace("\n", " ")
                        .equals(whole.replace("\n", " ")) && cut(t.getText(), l) && !explained(l)) {
                    out.add(l.getClass().getSimpleName() + (l.getId() == null ? "" : "#" + l.getId()) + " '" + whole
                            + "' drawn as '" + t.getText() + "' (" + Math.round(l.getWidth()) + " px wide)");
                }
            }
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> walk(c, out));
        }
    }

    private static boolean cut(String drawn, Labeled l) {
        String e = l.getEllipsisString();
        return (e != null && !e.isEmpty() && drawn.contains(e)) || drawn.contains("…") || drawn.contains("...");
    }

    /** A cut text inside a cell whose tooltip says it whole. */
    private static boolean explained(Labeled l) {
        for (Node n = l; n != null; n = n.getParent()) {
            if (n instanceof Cell<?> cell) {
                Tooltip tip = cell.getTooltip();
                return tip != null && tip.getText() != null && tip.getText().contains(l.getText());
            }
        }
        return false;
    }
}
