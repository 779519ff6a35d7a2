package dev.latchkey.app.notify;

import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A real notification server on the session bus, as small as it can be: it owns
 * {@code org.freedesktop.Notifications}, answers {@code Notify} over D-Bus, and records what came.
 * Tests run under {@code dbus-run-session}, where no desktop's server is there to take the name.
 */
public final class NotificationServer implements Notifications, AutoCloseable {

    /** One notification as it arrived over the bus. */
    public record Shown(String appName, String summary, String body, int urgency) {
    }

    private final DBusConnection bus;
    private final List<Shown> shown = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private NotificationServer(DBusConnection bus) {
        this.bus = bus;
    }

    /** Owns the notifications name on the session bus until closed; a test without a session bus fails or skips. */
    public static NotificationServer start() throws DBusException {
        if (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null) {
            RealParts.missing("there is no D-Bus session bus (run the tests in dbus-run-session)");
        }
        DBusConnection bus = DBusConnectionBuilder.forSessionBus().withShared(false).build();
        NotificationServer server = new NotificationServer(bus);
        bus.exportObject(OBJECT_PATH, server);
        bus.requestBusName(BUS_NAME);
        return server;
    }

    /** What arrived so far, oldest first. */
    public List<Shown> shown() {
        return List.copyOf(shown);
    }

    /** Every title and text that arrived, one a line. */
    public String allText() {
        StringBuilder out = new StringBuilder();
        shown.forEach(s -> out.append(s.summary()).append('\n').append(s.body()).append('\n'));
        return out.toString();
    }

    @Override
    public UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body,
                         List<String> actions, Map<String, Variant<?>> hints, int expireTimeout) {
        Variant<?> urgency = hints.get("urgency");
        shown.add(new Shown(appName, summary, body, urgency == null ? -1 : ((Number) urgency.getValue()).intValue()));
        return new UInt32(ids.incrementAndGet());
    }

    @Override
    public List<String> GetCapabilities() {
        return List.of("body");
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }

    @Override
    public void close() throws IOException {
        try {
            bus.releaseBusName(BUS_NAME);
        } catch (DBusException e) {
            // Closing the connection gives the name up as well.
        }
        bus.close();
    }
}
