package dev.latchkey.app.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Light or dark: AtlantaFX's Primer theme as the user-agent stylesheet (so popups, tooltips and
 * menus follow it too), with the app's own stylesheet and a small palette file on top.
 */
public enum Theme {
    LIGHT("light.css", new PrimerLight().getUserAgentStylesheet()),
    DARK("dark.css", new PrimerDark().getUserAgentStylesheet());

    private static final String BASE = stylesheet("base.css");

    private final String palette;
    private final String primer;

    Theme(String file, String primer) {
        this.palette = stylesheet(file);
        this.primer = primer;
    }

    /** The theme matching the OS preference where JavaFX can read it, light otherwise. */
    public static Theme followingOs() {
        return Platform.getPreferences().getColorScheme() == ColorScheme.DARK ? DARK : LIGHT;
    }

    /** Parses {@code light} / {@code dark}; anything else means following the OS. */
    public static Theme parse(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "light" -> LIGHT;
            case "dark" -> DARK;
            default -> followingOs();
        };
    }

    /** Applies this theme to {@code scene} (and the app's popups), replacing the other one. */
    public void applyTo(Scene scene) {
        Application.setUserAgentStylesheet(primer);
        scene.getStylesheets().setAll(List.of(BASE, palette));
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add("theme-" + name().toLowerCase(java.util.Locale.ROOT));
    }

    private static String stylesheet(String file) {
        return Objects.requireNonNull(Theme.class.getResource(file), file).toExternalForm();
    }
}
