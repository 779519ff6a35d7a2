package dev.latchkey.app.notify;

/**
 * Shows a desktop notification. Callers build the text from names, scopes and times only:
 * a notification may be read by anyone near the screen and is kept by some desktops' history.
 */
@FunctionalInterface
public interface DesktopNotifier {

    /** A notifier that shows nothing (no tray and no {@code notify-send}): the window's banner still does. */
    DesktopNotifier NONE = (title, text, urgent) -> { };

    /**
     * Shows {@code text} under {@code title}; never blocks the caller for long.
     *
     * @param urgent true for something that has ended or was refused
     */
    void show(String title, String text, boolean urgent);
}
