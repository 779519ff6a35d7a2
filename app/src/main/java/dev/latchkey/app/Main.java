package dev.latchkey.app;

import javafx.application.Application;

/**
 * Entry point of the desktop app. A plain class (not an {@link Application}) so the JavaFX
 * runtime can come from the class path, as it does for {@code java -jar latchkey-app.jar}.
 *
 * <p>With no arguments, or with {@code --demo}, the app starts on its embedded demo broker.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(LatchkeyApp.class, args);
    }
}
