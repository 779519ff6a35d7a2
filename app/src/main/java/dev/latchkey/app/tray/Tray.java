package dev.latchkey.app.tray;

import java.util.List;

/**
 * An icon in the desktop's tray: the AWT one, or a StatusNotifierItem on Linux desktops that host
 * those. Both draw the same {@link TrayState} icons and the same {@link TrayMenuItem}s; every
 * action they run is handed to the JavaFX thread.
 */
public interface Tray {

    /** Shows {@code state} in the icon and its tooltip. */
    void show(TrayState state);

    /** Replaces the menu. */
    void setMenu(List<TrayMenuItem> items);

    /** Takes the icon off the tray (the app is quitting, or another tray takes over). */
    void remove();
}
