package dev.latchkey.app;

import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: the {@link AppComposition} on the production services, with the launch
 * options from the command line, and links opened in the desktop's browser.
 */
public final class LatchkeyApp extends Application {

    private AppComposition composition;

    @Override
    public void start(Stage stage) {
        composition = AppComposition.start(stage, AppServices.production(), LaunchOptions.parse(getParameters().getRaw()),
                link -> getHostServices().showDocument(link.toString()));
    }

    @Override
    public void stop() {
        if (composition != null) {
            composition.close();
        }
    }
}
