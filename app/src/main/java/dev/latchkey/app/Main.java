package dev.latchkey.app;

import dev.latchkey.core.diagnostics.UncaughtFailures;
import java.util.List;
import javafx.application.Application;

/**
 * Entry point of the desktop app. A plain class (not an {@link Application}) so the JavaFX
 * runtime can come from the class path, as it does for {@code java -jar latchkey-app.jar}.
 *
 * <p>With no arguments, or with {@code --demo}, the app starts on its demo broker: a development-mode
 * broker it runs as a process of its own (dev.latchkey.app.demo).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        UncaughtFailures.install("latchkey-app", List.of(args).contains("--debug"));
        try {
            LaunchOptions.parse(List.of(args)); // fail before any window appears
        } catch (IllegalArgumentException e) {
            System.err.println("latchkey-app: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
        }
        Application.launch(LatchkeyApp.class, args);
    }
}
