package dev.latchkey.app.common;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Draws a {@link BannerModel}: one row per notice, each dismissable. */
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
            Button close = new Button("Dismiss");
            close.getStyleClass().add("flat");
            close.setOnAction(e -> model.dismiss(n.key()));
            HBox row = new HBox(12, text, close);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().addAll("notice", "notice-" + n.severity().name().toLowerCase(java.util.Locale.ROOT));
            row.setId("notice-" + n.key());
            getChildren().add(row);
        }
        setVisible(!model.notices().isEmpty());
        setManaged(isVisible());
    }
}
