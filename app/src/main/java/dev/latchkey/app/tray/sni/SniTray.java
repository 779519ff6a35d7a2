package dev.latchkey.app.tray.sni;

import dev.latchkey.app.tray.Tray;
import dev.latchkey.app.tray.TrayMenuItem;
import dev.latchkey.app.tray.TrayState;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * A StatusNotifierItem tray (KDE Plasma, GNOME with the AppIndicator extension, most Wayland
 * panels): an item and its dbusmenu exported on the session bus under its own bus name and
 * registered with the desktop's {@link StatusNotifierWatcher}. Unlike AWT's XEmbed icon it works
 * where there is no X11 tray, and the panel draws it in its own style.
 */
public final class SniTray implements Tray {

    /** Each item in this process gets its own bus name, as the specification asks. */
    private static final AtomicInteger ITEMS = new AtomicInteger();

    private final DBusConnection bus;
    private final String busName;
    private final SniItem item;
    private final SniMenu menu;
    /** One thread, so a watcher's going and coming back are handled in the order they happened. */
    private final ExecutorService watcherNews =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("latchkey-tray-watcher").factory());

    private SniTray(DBusConnection bus, String busName, SniItem item, SniMenu menu) {
        this.bus = bus;
        this.busName = busName;
        this.item = item;
        this.menu = menu;
    }

    /**
     * Puts an item on the desktop's panel when a watcher runs on the session bus and a host (a panel)
     * has registered with it. Blocking (it talks to the bus), so call it from a background task.
     *
     * @param openWindow run through {@code onUi} when the icon is clicked
     * @param onUi where every action runs (the JavaFX thread)
     * @param darkPanel use the icons drawn for dark panels
     * @return empty without a session bus, a watcher or a host: then the AWT tray is the one to try
     */
    public static Optional<SniTray> connect(Runnable openWindow, Executor onUi, boolean darkPanel) {
        if (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null) {
            return Optional.empty(); // dbus-java would guess an address from X11 properties; no bus, no watcher
        }
        try {
            return open(openWindow, onUi, darkPanel);
        } catch (DBusException | IOException | RuntimeException | LinkageError e) { // a bus call refused, no transport
            return Optional.empty(); // no usable bus is the same as no watcher
        }
    }

    /** As {@link #connect}, but a bus that fails says why. */
    static Optional<SniTray> open(Runnable openWindow, Executor onUi, boolean darkPanel) throws DBusException, IOException {
        DBusConnection bus = DBusConnectionBuilder.forSessionBus().withShared(false).build();
        try {
            if (!hostPresent(bus)) {
                bus.close();
                return Optional.empty();
            }
            SniItem item = new SniItem(openWindow, onUi, darkPanel);
            SniMenu menu = new SniMenu(onUi, bus::sendMessage);
            bus.exportObject(StatusNotifierItem.OBJECT_PATH, item);
            bus.exportObject(DBusMenu.OBJECT_PATH, menu);
            String name = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-" + ITEMS.incrementAndGet();
            bus.requestBusName(name);
            SniTray tray = new SniTray(bus, name, item, menu);
            if (!tray.register()) {
                bus.close();
                return Optional.empty();
            }
            return Optional.of(tray);
        } catch (DBusException | RuntimeException e) {
            closeQuietly(bus);
            throw e;
        }
    }

    /** Whether a watcher owns its name and says a host is registered with it. */
    static boolean hostPresent(DBusConnection bus) throws DBusException {
        DBus daemon = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        if (!daemon.NameHasOwner(StatusNotifierWatcher.INTERFACE)) {
            return false;
        }
        Properties watcher = bus.getRemoteObject(StatusNotifierWatcher.INTERFACE, StatusNotifierWatcher.OBJECT_PATH,
                Properties.class);
        Object hosted = watcher.Get(StatusNotifierWatcher.INTERFACE, "IsStatusNotifierHostRegistered");
        return Boolean.TRUE.equals(hosted instanceof Variant<?> v ? v.getValue() : hosted);
    }

    /**
     * Registers the item with the watcher now on the bus (again, after a watcher restarted).
     *
     * @return false when there is no watcher or it refused
     */
    public boolean register() {
        try {
            bus.getRemoteObject(StatusNotifierWatcher.INTERFACE, StatusNotifierWatcher.OBJECT_PATH,
                    StatusNotifierWatcher.class).RegisterStatusNotifierItem(busName);
            return true;
        } catch (DBusException | DBusExecutionException e) {
            return false;
        }
    }

    /**
     * Tells {@code listener} whenever the watcher appears on the bus (true) or goes away (false),
     * in order, on a thread of its own, so the listener may call the bus.
     */
    public void onWatcher(Consumer<Boolean> listener) {
        try {
            bus.addSigHandler(DBus.NameOwnerChanged.class, signal -> {
                if (signal.name.equals(StatusNotifierWatcher.INTERFACE)) {
                    boolean present = !signal.newOwner.isEmpty();
                    try {
                        watcherNews.execute(() -> listener.accept(present));
                    } catch (RejectedExecutionException removed) {
                        // The item was removed (remove() stops this executor before the bus closes): a
                        // signal the bus delivers meanwhile is news for nobody, not an error on its thread.
                    }
                }
            });
        } catch (DBusException e) {
            // Without the signal the item stays where it is; a restarted watcher just won't list it.
        }
    }

    /** The bus name the item owns: {@code org.kde.StatusNotifierItem-<pid>-<n>}. */
    public String busName() {
        return busName;
    }

    @Override
    public void show(TrayState state) {
        item.show(state);
        String path = StatusNotifierItem.OBJECT_PATH;
        try {
            bus.sendMessage(new StatusNotifierItem.NewIcon(path));
            bus.sendMessage(new StatusNotifierItem.NewAttentionIcon(path));
            bus.sendMessage(new StatusNotifierItem.NewStatus(path, SniItem.status(state)));
            bus.sendMessage(new StatusNotifierItem.NewToolTip(path));
            bus.sendMessage(new StatusNotifierItem.NewTitle(path));
        } catch (DBusException e) {
            // A host that missed a signal reads the properties when it next draws the item.
        }
    }

    @Override
    public void setMenu(List<TrayMenuItem> items) {
        menu.set(items);
    }

    @Override
    public void remove() {
        watcherNews.shutdown();
        closeQuietly(bus); // the bus name goes with the connection, and the watcher drops the item
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
