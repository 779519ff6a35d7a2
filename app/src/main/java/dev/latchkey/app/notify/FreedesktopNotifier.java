package dev.latchkey.app.notify;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Desktop notifications through the freedesktop notifications D-Bus API on the session bus: the
 * desktop's own look, its history and do-not-disturb, unlike AWT's balloons. Only a title and a
 * text travel (names, scopes, times: never a value), as with every {@link DesktopNotifier}.
 */
public final class FreedesktopNotifier implements DesktopNotifier, AutoCloseable {

    private static final byte NORMAL = 1;
    private static final byte CRITICAL = 2;

    private final DBusConnection bus;
    private final Notifications server;

    private FreedesktopNotifier(DBusConnection bus, Notifications server) {
        this.bus = bus;
        this.server = server;
    }

    /**
     * Connects to the session bus when a notification server owns its name there or the bus can
     * start one. Blocking (it talks to the bus), so call it from a background task.
     *
     * @return empty without a session bus or a notification server: then the tray, or nothing, notifies
     */
    public static Optional<FreedesktopNotifier> connect() {
        if (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null) {
            return Optional.empty(); // dbus-java would guess an address from X11 properties; no bus, no server
        }
        DBusConnection bus = null;
        try {
            bus = DBusConnectionBuilder.forSessionBus().withShared(false).build();
            DBus daemon = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            boolean served = daemon.NameHasOwner(Notifications.BUS_NAME)
                    || Arrays.asList(daemon.ListActivatableNames()).contains(Notifications.BUS_NAME);
            if (!served) {
                bus.close();
                return Optional.empty();
            }
            return Optional.of(new FreedesktopNotifier(bus,
                    bus.getRemoteObject(Notifications.BUS_NAME, Notifications.OBJECT_PATH, Notifications.class)));
        } catch (DBusException | IOException | RuntimeException | LinkageError e) { // a bus call refused, no transport
            closeQuietly(bus);
            return Optional.empty(); // no usable bus is the same as no notification server
        }
    }

    @Override
    public void show(String title, String text, boolean urgent) {
        // The bus call waits for the server's answer; the caller (often the UI thread) must not.
        Thread.ofVirtual().name("latchkey-notify").start(() -> {
            try {
                server.Notify("Latchkey", new UInt32(0), "dialog-password", title, text, List.of(),
                        Map.<String, Variant<?>>of("urgency", new Variant<>(urgent ? CRITICAL : NORMAL)), -1);
            } catch (RuntimeException e) { // DBusExecutionException: the server refused or did not answer
                // A courtesy: the window's notice row and toasts say the same.
            }
        });
    }

    @Override
    public void close() {
        closeQuietly(bus);
    }

    private static void closeQuietly(DBusConnection bus) {
        if (bus != null) {
            try {
                bus.close();
            } catch (IOException e) {
                // Quitting anyway.
            }
        }
    }
}
