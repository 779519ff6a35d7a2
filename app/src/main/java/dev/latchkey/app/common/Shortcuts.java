package dev.latchkey.app.common;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The window's keyboard shortcuts. Uses {@code Shortcut} (Ctrl on Linux and Windows, Cmd on
 * macOS) so one table serves every OS; screens register theirs when shown and drop them after.
 * A held shortcut acts once: the keyboard's auto-repeat does not launch an app per repeat (and
 * a busy window does not fall ever further behind a key it has not yet seen released).
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
    private final Set<KeyCombination> held = new HashSet<>();

    public Shortcuts(Scene scene) {
        this.scene = scene;
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> held.clear());
    }

    /** A shortcut for the whole life of the window. */
    public void global(KeyCombination keys, Runnable action) {
        scene.getAccelerators().put(keys, once(keys, action));
    }

    /** {@code action}, run on the first press of {@code keys} and not again until a key is released. */
    private Runnable once(KeyCombination keys, Runnable action) {
        return () -> {
            if (held.add(keys)) {
                action.run();
            }
        };
    }

    /** Replaces the current screen's shortcuts with {@code shortcuts}. */
    public void forScreen(Map<KeyCombination, Runnable> shortcuts) {
        screenOwned.keySet().forEach(scene.getAccelerators()::remove);
        screenOwned.clear();
        screenOwned.putAll(shortcuts);
        shortcuts.forEach((keys, action) -> scene.getAccelerators().put(keys, once(keys, action)));
    }
}
