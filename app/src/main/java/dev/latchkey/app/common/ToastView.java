package dev.latchkey.app.common;

import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Draws {@link Toasts} stacked in a corner over the window's content. Each toast has a Close
 * button, so Tab reaches it; while focus is on it, it stays.
 */
public final class ToastView extends VBox {

    /** The widest a toast grows: a few lines of news, not a banner. */
    static final double WIDTH = 360;

    public ToastView(Toasts toasts) {
        setId("toasts");
        getStyleClass().add("toasts");
        setSpacing(8);
        setAlignment(Pos.BOTTOM_RIGHT);
        setPickOnBounds(false); // clicks between toasts reach the screen beneath
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        setAccessibleText("News");
        toasts.shown().addListener((ListChangeListener<Toasts.Toast>) c -> rebuild(toasts));
        rebuild(toasts);
    }

    private void rebuild(Toasts toasts) {
        getChildren().clear();
        for (Toasts.Toast t : toasts.shown()) {
            Label text = new Label(t.text());
            text.setWrapText(true);
            text.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(text, Priority.ALWAYS);
            Button close = new Button();
            close.setGraphic(FontIcon.of(Feather.X, 14));
            close.getStyleClass().addAll("flat", "button-icon");
            close.setId(BannerView.nodeId("toast-close-" + t.key()));
            close.setAccessibleText("Close: " + t.text());
            close.setMinWidth(Region.USE_PREF_SIZE);
            close.setOnAction(e -> toasts.dismiss(t));
            HBox toast = new HBox(8, text, close);
            toast.setAlignment(Pos.TOP_LEFT);
            toast.setPrefWidth(WIDTH);
            toast.setMaxWidth(WIDTH);
            toast.setId(BannerView.nodeId("toast-" + t.key()));
            toast.setAccessibleRole(AccessibleRole.TEXT);
            toast.setAccessibleText(t.text());
            toast.getStyleClass().addAll("toast", "notice-" + t.severity().name().toLowerCase(Locale.ROOT));
            toast.focusWithinProperty().addListener((o, was, now) -> toasts.hold(t, now));
            getChildren().add(toast);
        }
        setVisible(!toasts.shown().isEmpty());
    }
}
