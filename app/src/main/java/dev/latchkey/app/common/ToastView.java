package dev.latchkey.app.common;

import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Draws {@link Toasts} side by side, right-aligned, in a row the window reserves for them above
 * the status line: a toast pushes the page up rather than covering its buttons. The row takes no
 * room while there is none. Each toast has a Close button, so Tab reaches it; while focus is on
 * it, it stays.
 */
public final class ToastView extends FlowPane {

    /** The widest a toast grows: a few lines of news, not a banner. */
    static final double WIDTH = 360;

    public ToastView(Toasts toasts) {
        setId("toasts");
        getStyleClass().add("toasts");
        setHgap(8);
        setVgap(8);
        setAlignment(Pos.BOTTOM_RIGHT);
        managedProperty().bind(visibleProperty());
        setAccessibleText("News");
        toasts.shown().addListener((ListChangeListener<Toasts.Toast>) c -> rebuild(toasts));
        rebuild(toasts);
    }

    /** As tall as the toasts need at this width: the page above gives way, never the toasts' row. */
    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
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
            HBox toast = new ToastBox(text, close);
            toast.setAlignment(Pos.TOP_LEFT);
            toast.setId(BannerView.nodeId("toast-" + t.key()));
            toast.setAccessibleRole(AccessibleRole.TEXT);
            toast.setAccessibleText(t.text());
            toast.getStyleClass().addAll("toast", "notice-" + t.severity().name().toLowerCase(Locale.ROOT));
            toast.focusWithinProperty().addListener((o, was, now) -> toasts.hold(t, now));
            getChildren().add(toast);
        }
        setVisible(!toasts.shown().isEmpty());
    }

    /**
     * One toast, {@link #WIDTH} wide. Its height is that of its text wrapped at that width even when
     * asked without a width (as the row asks), so the row reserves what the toast will really take.
     */
    private static final class ToastBox extends HBox {
        ToastBox(Node... children) {
            super(8, children);
            setPrefWidth(WIDTH);
            setMaxWidth(WIDTH);
        }

        @Override
        protected double computePrefHeight(double width) {
            return super.computePrefHeight(width < 0 ? WIDTH : width);
        }

        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width);
        }
    }
}
