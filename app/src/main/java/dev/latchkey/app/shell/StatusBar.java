package dev.latchkey.app.shell;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The line at the bottom of the window: which broker, signed in as whom, and, while the broker
 * cannot be reached, "Offline since 17:02" with a Retry.
 */
final class StatusBar extends HBox {

    private final Label status = new Label();
    private final Label offline = new Label();
    private final Button retry = new Button("Retr_y now");
    private Runnable onRetry = () -> { };

    StatusBar() {
        status.setId("status");
        status.setMinWidth(0); // a long broker URL may be cut here; the offline part never is
        offline.setId("offline");
        offline.getStyleClass().add("offline");
        offline.setGraphic(FontIcon.of(Feather.WIFI_OFF, 14));
        offline.setMinWidth(Region.USE_PREF_SIZE);
        retry.setId("retry-connection");
        retry.getStyleClass().addAll("flat", "small");
        retry.setMinWidth(Region.USE_PREF_SIZE);
        retry.setOnAction(e -> onRetry.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        getChildren().addAll(status, gap, offline, retry);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        getStyleClass().add("status-bar");
        setPadding(new Insets(3, 16, 3, 16));
        setOffline(Optional.empty(), () -> { });
    }

    void setText(String text) {
        status.setText(text);
    }

    /** Shows {@code text} (such as "Offline since 17:02 — …") with Retry, or hides both when empty. */
    void setOffline(Optional<String> text, Runnable retryAction) {
        onRetry = retryAction;
        offline.setText(text.orElse(""));
        offline.setVisible(text.isPresent());
        offline.setManaged(text.isPresent());
        retry.setVisible(text.isPresent());
        retry.setManaged(text.isPresent());
    }
}
