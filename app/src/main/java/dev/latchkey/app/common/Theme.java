package dev.latchkey.app.common;

import java.util.List;
import java.util.Objects;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.scene.Scene;

/** Light or dark: one shared stylesheet plus a palette file per theme, swapped on a live scene. */
public enum Theme {
    LIGHT("light.css"),
    DARK("dark.css");

    private static final String BASE = stylesheet("base.css");

    private final String palette;

    Theme(String file) {
        this.palette = stylesheet(file);
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

    /** Applies this theme to {@code scene}, replacing the other one. */
    public void applyTo(Scene scene) {
        scene.getStylesheets().setAll(List.of(BASE, palette));
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add("theme-" + name().toLowerCase(java.util.Locale.ROOT));
    }

    private static String stylesheet(String file) {
        return Objects.requireNonNull(Theme.class.getResource(file), file).toExternalForm();
    }
}
