package dev.latchkey.app.activity;

import dev.latchkey.core.launch.GrantUse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * The columns of the Activity table. A row stays a few lines tall at any window size: the long
 * texts (what happened, the process, its folder and parents, the references) are one line each,
 * cut to the column's width, and said whole in the cell's tooltip.
 */
final class ActivityColumns {

    /** References named in a row; the cell's tooltip names them all. */
    private static final int REFS_SHOWN = 3;
    /** Room below the last line, as a wrapped cell leaves it. */
    private static final Insets LINES_PADDING = new Insets(0, 0, 4, 0);

    private ActivityColumns() {
    }

    /** The lines whole, one under the other: the tooltip of a cell that shows them cut. */
    static String whole(List<Line> lines) {
        return String.join("\n", lines.stream().map(Line::text).toList());
    }

    /** What happened: its kind, one line of summary, and the details (exit, refusals, findings) on a third. */
    static List<Line> what(ActivityRow r) {
        List<Line> out = new ArrayList<>(List.of(new Line(r.kind().label(), OverrunStyle.ELLIPSIS),
                new Line(r.summary(), OverrunStyle.ELLIPSIS)));
        if (!r.details().isEmpty()) {
            out.add(new Line(String.join(" · ", r.details()), OverrunStyle.ELLIPSIS));
        }
        return out;
    }

    /** The process, its folder (cut in the middle: both ends of a path tell), and its parents. */
    static List<Line> process(ActivityRow r) {
        List<Line> out = new ArrayList<>(List.of(new Line(r.processText(), OverrunStyle.ELLIPSIS)));
        if (!r.folderText().isEmpty()) {
            out.add(new Line("in " + r.folderText(), OverrunStyle.CENTER_ELLIPSIS));
        }
        if (!r.parentsText().isEmpty()) {
            out.add(new Line("from " + r.parentsText(), OverrunStyle.ELLIPSIS));
        }
        return out;
    }

    /** The references, at most {@link #REFS_SHOWN} lines: a launch may read many; the tooltip names them all. */
    static List<Line> refs(ActivityRow r) {
        if (r.refs().isEmpty()) {
            return List.of(new Line("—", OverrunStyle.ELLIPSIS));
        }
        List<Line> out = new ArrayList<>();
        int shown = r.refs().size() <= REFS_SHOWN ? REFS_SHOWN : REFS_SHOWN - 1;
        r.refs().stream().limit(shown).forEach(ref -> out.add(new Line(ref, OverrunStyle.CENTER_ELLIPSIS)));
        if (r.refs().size() > shown) {
            out.add(new Line("+" + (r.refs().size() - shown) + " more", OverrunStyle.ELLIPSIS));
        }
        return out;
    }

    /** One line of a cell, and where it is cut when the column is too narrow for it. */
    record Line(String text, OverrunStyle overrun) {
    }

    /**
     * A column of a few single lines per row, each cut to the column's width with an ellipsis and
     * said whole in the cell's tooltip: every row stays at most three lines tall at any window size.
     */
    static TableColumn<ActivityRow, ActivityRow> lines(String name, double width, Function<ActivityRow, List<Line>> lines,
                                                       Function<ActivityRow, String> tooltip) {
        TableColumn<ActivityRow, ActivityRow> c = ofRows(name, (row, cell, column) -> {
            VBox box = new VBox();
            box.setPadding(LINES_PADDING);
            for (Line line : lines.apply(row)) {
                Label l = new Label(line.text());
                l.setTextOverrun(line.overrun());
                l.setMinWidth(0);
                l.maxWidthProperty().bind(column.widthProperty().subtract(14));
                l.textFillProperty().bind(cell.textFillProperty());
                l.fontProperty().bind(cell.fontProperty());
                box.getChildren().add(l);
            }
            return box;
        }, tooltip);
        c.setPrefWidth(width);
        c.setMinWidth(Math.max(92, width * 0.6));
        return c;
    }

    /** A column of text wrapped at its width (a few words: the row grows to the lines they take). */
    static TableColumn<ActivityRow, String> wrapped(String name, double width, Function<ActivityRow, String> text) {
        TableColumn<ActivityRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(text.apply(f.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            // A Text wrapped at the column's width: the row grows to as many lines as that makes.
            private final Text text = new Text();

            {
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(14));
                text.fillProperty().bind(textFillProperty());
                text.fontProperty().bind(fontProperty());
                // The row asks its cells for their height before the text wraps; this tells it the wrapped one.
                prefHeightProperty().bind(Bindings.createDoubleBinding(() -> text.getLayoutBounds().getHeight() + 10,
                        text.layoutBoundsProperty()));
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty || item == null ? null : text);
                setTooltip(empty || item == null ? null : new Tooltip(item));
                setAlignment(Pos.TOP_LEFT);
            }
        });
        c.setPrefWidth(width);
        c.setMinWidth(Math.max(92, width * 0.6));
        // A few words: a wide window gives its room to the long texts instead.
        c.setMaxWidth(width * 1.8);
        c.setSortable(false);
        return c;
    }

    /** The grants a row used, each a link to it in the Secrets page (a standing access is plain text). */
    static TableColumn<ActivityRow, ActivityRow> grants(ActivityViewModel model) {
        TableColumn<ActivityRow, ActivityRow> c = ofRows("Grant", (row, cell, column) -> {
            VBox box = new VBox(2);
            if (row.grants().isEmpty()) {
                box.getChildren().add(new Label("—"));
            }
            for (GrantUse g : row.grants()) {
                if (g.grantId().isPresent()) {
                    Hyperlink link = new Hyperlink(ActivityRow.grantText(g));
                    link.getStyleClass().add("activity-grant");
                    link.setOnAction(e -> model.showGrant(g.grantId().get()));
                    box.getChildren().add(link);
                } else {
                    Text plain = new Text(ActivityRow.grantText(g));
                    plain.wrappingWidthProperty().bind(column.widthProperty().subtract(14));
                    plain.fillProperty().bind(cell.textFillProperty());
                    plain.fontProperty().bind(cell.fontProperty());
                    box.getChildren().add(plain);
                }
            }
            box.maxWidthProperty().bind(column.widthProperty().subtract(12));
            return box;
        }, row -> row.grants().isEmpty() ? "No grant: nothing was served"
                : String.join("\n", row.grants().stream().map(ActivityRow::grantText).toList()));
        c.setPrefWidth(150);
        c.setMinWidth(100);
        c.setMaxWidth(300);
        return c;
    }

    /** What a cell of a row's column shows: built for {@code row} in {@code cell}, whose font and colour it may follow. */
    @FunctionalInterface
    private interface RowGraphic {
        Node of(ActivityRow row, TableCell<ActivityRow, ActivityRow> cell, TableColumn<ActivityRow, ActivityRow> column);
    }

    /**
     * A column whose cells show the whole row as {@code graphic} draws it, from the top left, with
     * {@code tooltip}'s text on hover (none when it is empty); an empty row shows and says nothing.
     */
    private static TableColumn<ActivityRow, ActivityRow> ofRows(String name, RowGraphic graphic,
                                                                Function<ActivityRow, String> tooltip) {
        TableColumn<ActivityRow, ActivityRow> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ActivityRow row, boolean empty) {
                super.updateItem(row, empty);
                setAlignment(Pos.TOP_LEFT);
                if (empty || row == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                setGraphic(graphic.of(row, this, col));
                String said = tooltip.apply(row);
                Tooltip tip = said.isEmpty() ? null : new Tooltip(said);
                if (tip != null) {
                    tip.setWrapText(true);
                    tip.setMaxWidth(640);
                }
                setTooltip(tip);
            }
        });
        c.setSortable(false);
        return c;
    }
}
