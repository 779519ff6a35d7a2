package dev.latchkey.app.common;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;

/**
 * The window's keyboard shortcuts. Uses {@code Shortcut} (Ctrl on Linux and Windows, Cmd on
 * macOS) so one table serves every OS; screens register theirs when shown and drop them after.
 */
public final class Shortcuts {

    /** Focus the filter box: Ctrl/Cmd+F. */
    public static final KeyCombination FILTER = KeyCombination.keyCombination("Shortcut+F");
    /** Launch: Ctrl/Cmd+L. */
    public static final KeyCombination LAUNCH = KeyCombination.keyCombination("Shortcut+L");
    /** Request access: Ctrl/Cmd+R. */
    public static final KeyCombination REQUEST = KeyCombination.keyCombination("Shortcut+R");
    /** Settings: Ctrl/Cmd+Comma. */
    public static final KeyCombination SETTINGS = KeyCombination.keyCombination("Shortcut+Comma");

    private final Scene scene;
    private final Map<KeyCombination, Runnable> screenOwned = new LinkedHashMap<>();

    public Shortcuts(Scene scene) {
        this.scene = scene;
    }

    /** A shortcut for the whole life of the window. */
    public void global(KeyCombination keys, Runnable action) {
        scene.getAccelerators().put(keys, action);
    }

    /** Replaces the current screen's shortcuts with {@code shortcuts}. */
    public void forScreen(Map<KeyCombination, Runnable> shortcuts) {
        screenOwned.keySet().forEach(scene.getAccelerators()::remove);
        screenOwned.clear();
        screenOwned.putAll(shortcuts);
        scene.getAccelerators().putAll(shortcuts);
    }
}
