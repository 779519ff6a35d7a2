package dev.latchkey.app.notify;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The part of the freedesktop Desktop Notifications interface Latchkey calls, as D-Bus names it
 * (hence the capitalised methods). Any desktop's notification server answers it at
 * {@link #BUS_NAME} {@link #OBJECT_PATH}.
 */
@DBusInterfaceName("org.freedesktop.Notifications")
public interface Notifications extends DBusInterface {

    /** The bus name a notification server owns. */
    String BUS_NAME = "org.freedesktop.Notifications";
    /** Where it serves the interface. */
    String OBJECT_PATH = "/org/freedesktop/Notifications";

    /**
     * Shows a notification.
     *
     * @param appName who sends it
     * @param replacesId 0 for a new one
     * @param appIcon an icon name or file URI, or empty
     * @param summary the title
     * @param body the text
     * @param actions action keys and labels, alternating (Latchkey offers none)
     * @param hints such as {@code urgency} (a byte: 0 low, 1 normal, 2 critical)
     * @param expireTimeout milliseconds, or -1 for the server's default
     * @return the notification's id
     */
    UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body, List<String> actions,
                  Map<String, Variant<?>> hints, int expireTimeout);

    /** What the server can do, such as {@code body}. */
    List<String> GetCapabilities();
}
