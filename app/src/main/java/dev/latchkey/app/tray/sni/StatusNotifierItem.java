package dev.latchkey.app.tray.sni;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * The StatusNotifierItem interface as KDE's specification names it (hence {@code org.kde} and the
 * capitalised methods): what a tray host calls on the item. Its properties are read through
 * {@code org.freedesktop.DBus.Properties}.
 */
@DBusInterfaceName(StatusNotifierItem.INTERFACE)
public interface StatusNotifierItem extends DBusInterface {

    /** The interface name. */
    String INTERFACE = "org.kde.StatusNotifierItem";
    /** Where an item serves it. */
    String OBJECT_PATH = "/StatusNotifierItem";

    /** A primary click (left button) at screen position {@code x}, {@code y}. */
    void Activate(int x, int y);

    /** A secondary click (middle button). */
    void SecondaryActivate(int x, int y);

    /** The host asks the item to show its own menu; Latchkey's menu is exported, so the host draws it. */
    void ContextMenu(int x, int y);

    /** The mouse wheel over the icon; {@code orientation} is {@code vertical} or {@code horizontal}. */
    void Scroll(int delta, String orientation);

    /** The icon changed: the host reads {@code IconName} and {@code IconPixmap} again. */
    class NewIcon extends DBusSignal {
        /** On the item at {@code path}. */
        public NewIcon(String path) throws DBusException {
            super(path);
        }
    }

    /** The attention icon changed (Latchkey's is the icon of the state shown). */
    class NewAttentionIcon extends DBusSignal {
        /** On the item at {@code path}. */
        public NewAttentionIcon(String path) throws DBusException {
            super(path);
        }
    }

    /** The tooltip changed. */
    class NewToolTip extends DBusSignal {
        /** On the item at {@code path}. */
        public NewToolTip(String path) throws DBusException {
            super(path);
        }
    }

    /** The title changed. */
    class NewTitle extends DBusSignal {
        /** On the item at {@code path}. */
        public NewTitle(String path) throws DBusException {
            super(path);
        }
    }

    /** The status changed to {@code status}: {@code Passive}, {@code Active} or {@code NeedsAttention}. */
    class NewStatus extends DBusSignal {
        /** The new status. */
        public final String status;

        /** On the item at {@code path}. */
        public NewStatus(String path, String status) throws DBusException {
            super(path, status);
            this.status = status;
        }
    }
}
