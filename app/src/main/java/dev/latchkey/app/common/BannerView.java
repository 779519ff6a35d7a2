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
            Button button = n.action().map(a -> {
                Button act = new Button(a.label());
                act.setOnAction(e -> a.run().run());
                return act;
            }).orElseGet(() -> {
                Button close = new Button("Dismiss");
                close.setOnAction(e -> model.dismiss(n.key()));
                return close;
            });
            button.getStyleClass().add("flat");
            button.setMinWidth(Region.USE_PREF_SIZE); // the text wraps; the button keeps its word
            button.setId("notice-" + n.key() + "-button");
            HBox row = new HBox(12, text, button);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().addAll("notice", "notice-" + n.severity().name().toLowerCase(java.util.Locale.ROOT));
            row.setId("notice-" + n.key());
            getChildren().add(row);
        }
        setVisible(!model.notices().isEmpty());
        setManaged(isVisible());
    }
}
