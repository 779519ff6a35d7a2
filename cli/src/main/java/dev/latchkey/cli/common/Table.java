package dev.latchkey.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A list answered the way every list command answers: with {@code --json} a JSON array of one object a
 * row, otherwise a text table of a heading line and one line a row, columns two spaces apart. A command
 * says only what is its own: its rows, their JSON, its columns and the lines around them.
 *
 * <p>The last column is never padded, so no line ends in spaces; a cell longer than its column pushes
 * the rest of its line right rather than being cut (a reference is never shortened).
 *
 * @param <T> what a row shows
 */
public final class Table<T> {

    private final List<T> rows;
    private final Function<T, ? extends JsonNode> json;
    private final List<Column<T>> columns = new ArrayList<>();
    private String whenEmpty;
    private String footer;
    private int detailIndent;
    private Function<T, List<String>> details = row -> List.of();

    private Table(List<T> rows, Function<T, ? extends JsonNode> json) {
        this.rows = List.copyOf(rows);
        this.json = json;
    }

    /** A table of {@code rows}, each shown in JSON as {@code json} makes it. */
    public static <T> Table<T> of(List<T> rows, Function<T, ? extends JsonNode> json) {
        return new Table<>(rows, json);
    }

    /** A column {@code width} characters wide, its cells left-aligned. */
    public Table<T> left(String heading, int width, Function<T, ?> cell) {
        return add(new Column<>(heading, width, false, cell));
    }

    /** A column {@code width} characters wide, its cells right-aligned (numbers). */
    public Table<T> right(String heading, int width, Function<T, ?> cell) {
        return add(new Column<>(heading, width, true, cell));
    }

    /** A left-aligned column as wide as its heading or its longest cell, whichever is wider. */
    public Table<T> fitted(String heading, Function<T, ?> cell) {
        int width = heading.length();
        for (T row : rows) {
            width = Math.max(width, String.valueOf(cell.apply(row)).length());
        }
        return left(heading, width, cell);
    }

    /** The last column: free text, never padded. */
    public Table<T> last(String heading, Function<T, ?> cell) {
        return left(heading, 0, cell);
    }

    /** The line printed instead of the table when there is no row (by default the heading alone). */
    public Table<T> whenEmpty(String line) {
        this.whenEmpty = line;
        return this;
    }

    /** A line printed under the rows (not when {@link #whenEmpty} is printed, nor in JSON). */
    public Table<T> footer(String line) {
        this.footer = line;
        return this;
    }

    /** Lines printed under a row, each {@code indent} spaces in (text only). */
    public Table<T> details(int indent, Function<T, List<String>> lines) {
        this.detailIndent = indent;
        this.details = lines;
        return this;
    }

    /** Prints the rows as JSON when {@code asJson} (the user gave {@code --json}), as text otherwise; flushes {@code out}. */
    public void print(boolean asJson, PrintWriter out) {
        if (asJson) {
            ArrayNode array = Json.array();
            rows.forEach(row -> array.add(json.apply(row)));
            out.println(Json.pretty(array));
        } else if (rows.isEmpty() && whenEmpty != null) {
            out.println(whenEmpty);
        } else {
            out.println(line(columns.stream().map(Column::heading).toList()));
            for (T row : rows) {
                out.println(line(columns.stream().map(c -> String.valueOf(c.cell().apply(row))).toList()));
                details.apply(row).forEach(detail -> out.println(" ".repeat(detailIndent) + detail));
            }
            if (footer != null) {
                out.println(footer);
            }
        }
        out.flush();
    }

    private Table<T> add(Column<T> column) {
        columns.add(column);
        return this;
    }

    private String line(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            Column<T> column = columns.get(i);
            String cell = cells.get(i);
            boolean lastColumn = i == cells.size() - 1;
            if (i > 0) {
                line.append("  ");
            }
            String padding = lastColumn ? "" : " ".repeat(Math.max(0, column.width() - cell.length()));
            line.append(column.alignRight() ? padding + cell : cell + padding);
        }
        return line.toString();
    }

    private record Column<T>(String heading, int width, boolean alignRight, Function<T, ?> cell) {
    }
}
