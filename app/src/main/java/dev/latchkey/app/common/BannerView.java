package dev.latchkey.app.common;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Draws a {@link BannerModel}: one row per notice, each with its action or else a Dismiss button. */
public final class BannerView extends VBox {

    public BannerView(BannerModel model) {
        setId("banner");
        getStyleClass().add("banner");
        model.notices().addListener((ListChangeListener<Notice>) c -> rebuild(model));
        rebuild(model);
    }

    private void rebuild(BannerModel model) {
        getChildren().clear();
        for (Notice n : model.notices()) {
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
                close.setOnAction(e -> model.dismissByUser(n.key()));
                row.getChildren().add(close);
            }
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().addAll("notice", "notice-" + n.severity().name().toLowerCase(java.util.Locale.ROOT));
            row.setId(nodeId("notice-" + n.key()));
            getChildren().add(row);
        }
        setVisible(!model.notices().isEmpty());
        setManaged(isVisible());
    }

    /** A node id CSS lookups can find: keys such as {@code grant:g_1} become {@code grant-g_1}. */
    public static String nodeId(String key) {
        return key.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
