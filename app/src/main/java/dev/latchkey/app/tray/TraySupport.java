package dev.latchkey.app.tray;

import dev.latchkey.app.common.Notice;
import java.awt.SystemTray;

/**
 * Whether this desktop offers a system tray to Java. Many GNOME setups and bare X servers
 * (Xvfb) do not; then the window's banner carries the expiry warnings instead.
 */
public final class TraySupport {

    /** The banner key of the one-time explanation. */
    public static final String NO_TRAY_KEY = "no-tray";

    private TraySupport() {
    }

    /** Asks AWT; blocking (it loads the AWT toolkit), so call it from a background task. */
    public static boolean isSupported() {
        try {
            return SystemTray.isSupported();
        } catch (RuntimeException | LinkageError e) {
            return false; // a headless or broken AWT means no tray, not a crash
        }
    }

    /** What the window says, once, when there is no tray. */
    public static Notice noTrayNotice() {
        return new Notice(NO_TRAY_KEY, Notice.Severity.INFO,
                "No tray icon: this desktop offers no system tray (common on GNOME without an "
                        + "AppIndicator extension). Expiry warnings appear here in the window instead.");
    }
}
