package dev.latchkey.app.tray.sni;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * The StatusNotifierWatcher a desktop runs (KDE Plasma; GNOME with the AppIndicator extension):
 * items register with it, hosts (the panels that draw items) learn of them from it. Its property
 * {@code IsStatusNotifierHostRegistered} says whether any panel will draw an item at all.
 */
@DBusInterfaceName(StatusNotifierWatcher.INTERFACE)
public interface StatusNotifierWatcher extends DBusInterface {

    /** The interface name, also the bus name a watcher owns. */
    String INTERFACE = "org.kde.StatusNotifierWatcher";
    /** Where the watcher serves it. */
    String OBJECT_PATH = "/StatusNotifierWatcher";

    /** Registers the item owned by bus name {@code service} (or served at that object path by the caller). */
    void RegisterStatusNotifierItem(String service);

    /** Registers a host (a panel), named by its bus name. */
    void RegisterStatusNotifierHost(String service);

    /** An item was registered. */
    class StatusNotifierItemRegistered extends DBusSignal {
        /** The item's service. */
        public final String service;

        /** From the watcher at {@code path}. */
        public StatusNotifierItemRegistered(String path, String service) throws DBusException {
            super(path, service);
            this.service = service;
        }
    }

    /** A host was registered. */
    class StatusNotifierHostRegistered extends DBusSignal {
        /** From the watcher at {@code path}. */
        public StatusNotifierHostRegistered(String path) throws DBusException {
            super(path);
        }
    }
}
