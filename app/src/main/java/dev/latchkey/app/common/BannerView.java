package dev.latchkey.app.common;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Draws a {@link BannerModel} as one notice row: the most urgent notice, with its actions or
 * else a Dismiss button, and "+N more" when there are others, which lists them all below it
 * (then "Show less"). Three stacked notices would take a quarter of a small window; one row and a
 * count say the same.
 */
public final class BannerView extends VBox {

    /** Waiting notices first (something blocks on them), then errors, warnings, news; the model's order after. */
    static final Comparator<Notice> URGENCY = Comparator.<Notice, Boolean>comparing(Notice::dismissible)
            .thenComparing(Notice::severity, Comparator.reverseOrder());

    private static final String MORE = "notices-toggle";

    private final BannerModel model;
    private boolean expanded;
    /**
     * The row drawn for each notice shown, kept while its notice stays: a notice arriving or leaving
     * must not replace the others' buttons under the pointer (or under a screen reader's focus).
     */
    private Map<Notice, HBox> rows = new HashMap<>();

    public BannerView(BannerModel model) {
        this.model = model;
        setId("banner");
        getStyleClass().add("banner");
        setAccessibleText("Notices");
        model.notices().addListener((ListChangeListener<Notice>) c -> rebuild());
        rebuild();
    }

    /** The notices in the order the row shows them: the first is the one always on screen. */
    public static List<Notice> byUrgency(List<Notice> notices) {
        return notices.stream().sorted(URGENCY).toList();
    }

    private void rebuild() {
        getChildren().clear();
        List<Notice> ordered = byUrgency(model.notices());
        if (ordered.size() < 2) {
            expanded = false;
        }
        Map<Notice, HBox> drawn = new HashMap<>();
        for (int i = 0; i < ordered.size() && (i == 0 || expanded); i++) {
            Notice n = ordered.get(i);
            HBox row = rows.containsKey(n) ? rows.get(n) : row(n);
            drawn.put(n, row);
            row.getChildren().removeIf(c -> c.getStyleClass().contains(MORE));
            if (i == 0 && ordered.size() > 1) {
                row.getChildren().add(1, more(ordered.size() - 1));
            }
            getChildren().add(row);
        }
        rows = drawn;
        setVisible(!ordered.isEmpty());
        setManaged(isVisible());
    }

    private Button more(int others) {
        Button more = new Button(expanded ? "Show less" : "+" + others + " more");
        more.setId(expanded ? "notices-less" : "notices-more");
        more.getStyleClass().addAll("flat", MORE);
        more.setMinWidth(Region.USE_PREF_SIZE);
        more.setAccessibleText(expanded ? "Show only the most urgent notice" : "Show all " + (others + 1) + " notices");
        more.setOnAction(e -> {
            expanded = !expanded;
            rebuild();
            lookupAll(expanded ? "#notices-less" : "#notices-more").forEach(javafx.scene.Node::requestFocus);
        });
        return more;
    }

    private HBox row(Notice n) {
        Label text = new Label(n.text());
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(12, text);
        for (Notice.Action a : n.actions()) {
            Button action = new Button(a.label());
            action.setId(nodeId(a.id()));
            action.setMinWidth(Region.USE_PREF_SIZE);
            action.setOnAction(e -> a.run().run());
            row.getChildren().add(action);
        }
        if (n.dismissible()) {
            Button close = new Button("Dismiss");
            close.setId(nodeId("dismiss-" + n.key()));
            close.getStyleClass().add("flat");
            close.setMinWidth(Region.USE_PREF_SIZE);
            close.setAccessibleText("Dismiss: " + n.text());
            close.setOnAction(e -> model.dismissByUser(n.key()));
            row.getChildren().add(close);
        }
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().addAll("notice", "notice-" + n.severity().name().toLowerCase(Locale.ROOT));
        row.setId(nodeId("notice-" + n.key()));
        return row;
    }

    /** A node id CSS lookups can find: keys such as {@code grant:g_1} become {@code grant-g_1}. */
    public static String nodeId(String key) {
        return key.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
