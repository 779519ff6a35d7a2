package dev.latchkey.app.common;

import java.util.List;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The pane beside a list that shows its selected item in full (a secret, a request, a launch): a
 * title, a reference in monospace, facts as a caption over a value, and the item's actions. Values
 * wrap in a narrow pane instead of being cut, and the pane scrolls ({@link #scrolling()}); with
 * nothing selected it says what selecting shows.
 */
public class DetailPane extends VBox {

    /** The narrowest the pane gets: at 1024 px the list beside it keeps every column whole. */
    public static final double MIN_WIDTH = 220;
    private static final double PREF_WIDTH = 280;
    private static final double MAX_WIDTH = 460;

    private final BooleanProperty filled = new SimpleBooleanProperty(false);
    private final VBox content = new VBox(12);

    /**
     * @param id the pane's node id
     * @param emptyText what shows while nothing is selected
     */
    protected DetailPane(String id, String emptyText) {
        setId(id);
        getStyleClass().add("detail-pane");
        Label none = new Label(emptyText);
        none.setId(id + "-empty");
        none.getStyleClass().add("subtle");
        none.setWrapText(true);
        none.setMinHeight(Region.USE_PREF_SIZE);
        none.visibleProperty().bind(filled.not());
        none.managedProperty().bind(none.visibleProperty());
        content.visibleProperty().bind(filled);
        content.managedProperty().bind(content.visibleProperty());
        getChildren().addAll(none, content);
        setAlignment(Pos.TOP_LEFT);
    }

    /** What the pane shows when something is selected, top to bottom. */
    protected final void setContent(Node... nodes) {
        content.getChildren().setAll(nodes);
    }

    /** True while an item is selected: its facts show; false shows the empty text. */
    public final BooleanProperty filledProperty() {
        return filled;
    }

    /** This pane in a scroll pane that fits its width (no horizontal bar), at the detail panes' widths. */
    public final ScrollPane scrolling() {
        ScrollPane scroll = new ScrollPane(this);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMinWidth(MIN_WIDTH);
        scroll.setPrefWidth(PREF_WIDTH);
        scroll.setMaxWidth(MAX_WIDTH);
        return scroll;
    }

    /** The item's name, as the pane's heading. */
    public static Label title(String id) {
        Label l = wrapping(id);
        l.getStyleClass().add("detail-title");
        return l;
    }

    /** A reference ({@code latchkey://…}, a command line) in monospace. */
    public static Label reference(String id) {
        Label l = wrapping(id);
        l.getStyleClass().add("detail-ref");
        return l;
    }

    /** A fact's value: wraps, and takes the lines it needs. */
    public static Label value(String id) {
        Label l = wrapping(id);
        l.getStyleClass().add("detail-value");
        return l;
    }

    /** A status chip ({@link #chipKind} colours it); a long status wraps inside it. */
    public static Label chip(String id) {
        Label l = wrapping(id);
        l.getStyleClass().add("chip");
        return l;
    }

    /** Colours {@code chip} as {@code kind} ({@code granted}, {@code pending}, {@code denied}, ...). */
    public static void chipKind(Label chip, String kind) {
        chip.getStyleClass().removeIf(s -> s.startsWith("chip-"));
        chip.getStyleClass().add("chip-" + kind);
    }

    /** A caption over its value. */
    public static VBox fact(String caption, Node value) {
        Label key = new Label(caption);
        key.getStyleClass().add("detail-key");
        key.setMinWidth(Region.USE_PREF_SIZE);
        return new VBox(2, key, value);
    }

    /** A caption over its value, both hidden while the value is empty (a reason not given, a pid not known). */
    public static VBox optionalFact(String caption, Label value) {
        VBox fact = fact(caption, value);
        fact.visibleProperty().bind(value.textProperty().isNotEmpty());
        fact.managedProperty().bind(fact.visibleProperty());
        return fact;
    }

    /** Short facts side by side, wrapping to the next line in a narrow pane. */
    public static FlowPane row(Node... facts) {
        return new FlowPane(24, 8, facts);
    }

    /** The item's actions; a hidden button takes no room (nor does the row when all are), and a narrow pane wraps them. */
    public static FlowPane actions(Button... buttons) {
        for (Button b : List.of(buttons)) {
            if (!b.managedProperty().isBound()) {
                b.managedProperty().bind(b.visibleProperty());
            }
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        FlowPane row = new FlowPane(8, 8, buttons);
        row.visibleProperty().bind(Bindings.createBooleanBinding(() -> List.of(buttons).stream().anyMatch(Node::isVisible),
                List.of(buttons).stream().map(Node::visibleProperty).toArray(Observable[]::new)));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /**
     * A secret's reference on two lines, its scope's part and then its name: a label wraps only at
     * spaces, and a reference has none, so a narrow pane would otherwise cut it anywhere.
     */
    public static String twoLines(String reference) {
        int slash = reference.lastIndexOf('/');
        return slash < 0 ? reference : reference.substring(0, slash + 1) + "\n" + reference.substring(slash + 1);
    }

    private static Label wrapping(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
