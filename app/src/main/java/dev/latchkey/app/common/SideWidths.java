package dev.latchkey.app.common;

import javafx.scene.control.SplitPane;

/**
 * Keeps the side panes of a three-pane {@link SplitPane} (a list, the main content, a detail pane)
 * at a share of the window's width within their bounds, as the window is resized: at 1024 px each
 * side is at its least and the middle keeps its columns whole; at 1920 px the sides grow, to their
 * most, and the middle takes the rest. A divider dragged by hand holds until the next resize.
 */
public final class SideWidths {

    /** A side pane's share of the whole width, and the least and most it gets. */
    public record Side(double share, double min, double max) {
        double of(double total) {
            return Math.max(min, Math.min(max, total * share));
        }
    }

    private SideWidths() {
    }

    /** Places the two dividers of {@code split} for {@code left} and {@code right} now and on every resize. */
    public static void keep(SplitPane split, Side left, Side right) {
        split.widthProperty().addListener((o, old, width) -> place(split, width.doubleValue(), left, right));
        place(split, split.getWidth(), left, right);
    }

    /** Places the one divider of a two-pane {@code split} for its {@code right} (detail) pane, now and on every resize. */
    public static void keepRight(SplitPane split, Side right) {
        split.widthProperty().addListener((o, old, width) -> {
            double total = width.doubleValue();
            if (total > 0 && split.getDividers().size() == 1) {
                split.setDividerPositions(1 - right.of(total) / total);
            }
        });
    }

    private static void place(SplitPane split, double total, Side left, Side right) {
        if (total <= 0 || split.getDividers().size() != 2) {
            return;
        }
        split.setDividerPositions(left.of(total) / total, 1 - right.of(total) / total);
    }
}
