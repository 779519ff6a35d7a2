package dev.latchkey.app.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Duration;

/**
 * Table columns for the app's tables. Every non-empty cell carries its whole text in a tooltip,
 * since a narrow column cuts it; status columns draw their text as a coloured chip.
 */
public final class Cells {

    private static final Duration TOOLTIP_DELAY = Duration.millis(400);

    private Cells() {
    }

    /**
     * A column of text.
     *
     * @param width the preferred width; with the tables' resize policy also the column's share of spare room
     */
    public static <T> TableColumn<T, String> text(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(headerWidth(title));
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setCellFactory(col -> new TextCell<>());
        return c;
    }

    /**
     * A column of status chips: {@code kind} names the chip's colour ({@code standing},
     * {@code granted}, {@code requestable}, {@code pending}, {@code denied}, {@code expired}, ...).
     */
    public static <T> TableColumn<T, String> chip(String title, double width, Function<T, String> text,
                                                  Function<T, String> kind) {
        TableColumn<T, String> c = text(title, width, text);
        c.setCellFactory(col -> new ChipCell<>(title, kind));
        return c;
    }

    /** About what the header needs to show {@code title} whole (bold, with the header's padding). */
    static double headerWidth(String title) {
        Text t = new Text(title);
        t.setFont(Font.font(null, FontWeight.BOLD, 13));
        return Math.ceil(t.getLayoutBounds().getWidth()) + 44;
    }

    /** A cell whose full text is in its tooltip. */
    private static class TextCell<T> extends TableCell<T, String> {
        private final Tooltip tip = new Tooltip();

        TextCell() {
            tip.setShowDelay(TOOLTIP_DELAY);
            tip.setWrapText(true);
            tip.setMaxWidth(480);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            boolean blank = empty || item == null || item.isEmpty();
            setText(blank ? null : item);
            tip.setText(blank ? "" : item);
            setTooltip(blank ? null : tip);
        }
    }

    /** The text as a chip; the cell's text stays set (for tooltips, tests and screen readers) but only the chip shows. */
    private static final class ChipCell<T> extends TextCell<T> {
        private final String title;
        private final Function<T, String> kind;
        private final Label chip = new Label();

        ChipCell(String title, Function<T, String> kind) {
            this.title = title;
            this.kind = kind;
            chip.getStyleClass().add("chip");
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            T row = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (row == null || item == null || item.isEmpty()) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            chip.setText(item);
            setAccessibleText(title + ": " + item); // the column's name too: "Access: granted until 14:06"
            chip.getStyleClass().removeIf(s -> s.startsWith("chip-"));
            chip.getStyleClass().add("chip-" + kind.apply(row));
            setGraphic(chip);
        }
    }
}
