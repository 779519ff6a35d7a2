package dev.latchkey.app.tray.sni;

import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.Variant;

/**
 * A real StatusNotifierWatcher on the session bus, as small as it can be: it owns
 * {@code org.kde.StatusNotifierWatcher}, says whether a host (a panel) is registered, and records
 * the items that register. Tests run under {@code dbus-run-session}, where no desktop's watcher is.
 */
public final class TrayWatcher extends ReadOnlyProperties implements StatusNotifierWatcher, AutoCloseable {

    private final DBusConnection bus;
    private final boolean hosted;
    private final List<String> items = new CopyOnWriteArrayList<>();

    private TrayWatcher(DBusConnection bus, boolean hosted) {
        this.bus = bus;
        this.hosted = hosted;
    }

    /**
     * Owns the watcher's name until closed; a test without a session bus fails or skips.
     *
     * @param hosted what {@code IsStatusNotifierHostRegistered} answers
     */
    public static TrayWatcher start(boolean hosted) throws DBusException {
        if (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null) {
            RealParts.missing("there is no D-Bus session bus (run the tests in dbus-run-session)");
        }
        DBusConnection bus = DBusConnectionBuilder.forSessionBus().withShared(false).build();
        TrayWatcher watcher = new TrayWatcher(bus, hosted);
        bus.exportObject(OBJECT_PATH, watcher);
        bus.requestBusName(INTERFACE);
        return watcher;
    }

    /** The services of the items registered so far, oldest first. */
    public List<String> items() {
        return List.copyOf(items);
    }

    @Override
    public void RegisterStatusNotifierItem(String service) {
        items.add(service);
        try {
            bus.sendMessage(new StatusNotifierItemRegistered(OBJECT_PATH, service));
        } catch (DBusException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void RegisterStatusNotifierHost(String service) {
        // Hosts are the panel's business; this watcher only says whether one is there.
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        return Map.of("IsStatusNotifierHostRegistered", new Variant<>(hosted),
                "RegisteredStatusNotifierItems", new Variant<>(items(), "as"),
                "ProtocolVersion", new Variant<>(0));
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }

    @Override
    public void close() throws IOException {
        try {
            bus.releaseBusName(INTERFACE);
        } catch (DBusException e) {
            // Closing the connection gives the name up as well.
        }
        bus.close();
    }
}
