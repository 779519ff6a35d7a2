package dev.latchkey.app;

import dev.latchkey.app.demo.DemoBroker;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The JavaFX application: one window, the demo broker behind it until real screens arrive. */
public final class LatchkeyApp extends Application {

    static final String TITLE = "Latchkey";

    private DemoBroker demo;

    @Override
    public void start(Stage stage) {
        demo = DemoBroker.start();
        Label heading = new Label("Latchkey");
        heading.setId("heading");
        heading.setStyle("-fx-font-size: 22px; -fx-font-weight: bold;");
        Label broker = new Label("Demo broker (development mode) at " + demo.url());
        broker.setId("broker-url");
        Label notice = new Label("Demo mode: nothing here is for production.");
        VBox root = new VBox(12, heading, broker, notice);
        root.setPadding(new Insets(24));
        stage.setTitle(TITLE + " — demo");
        stage.setScene(new Scene(root, 640, 400));
        stage.show();
    }

    @Override
    public void stop() {
        if (demo != null) {
            demo.close();
        }
    }
}
