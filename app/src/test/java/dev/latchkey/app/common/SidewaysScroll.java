package dev.latchkey.app.common;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;

/** Finds the shown tables whose columns do not fit their width: they show a horizontal scroll bar. */
public final class SidewaysScroll {

    private SidewaysScroll() {
    }

    /** The ids of shown tables that scroll sideways; empty when every table's columns fit. */
    public static List<String> tables(Scene scene) {
        List<String> out = new ArrayList<>();
        for (Node n : scene.getRoot().lookupAll(".table-view")) {
            if (n instanceof TableView<?> table && shown(table)) {
                for (Node bar : table.lookupAll(".scroll-bar")) {
                    if (bar instanceof ScrollBar s && s.getOrientation() == Orientation.HORIZONTAL && s.isVisible()) {
                        out.add("#" + table.getId() + " (" + Math.round(table.getWidth()) + " px wide)");
                    }
                }
            }
        }
        return out;
    }

    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
