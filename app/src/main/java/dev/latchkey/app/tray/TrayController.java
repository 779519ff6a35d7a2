package dev.latchkey.app.tray;

import dev.latchkey.app.notify.DesktopNotifier;
import dev.latchkey.app.tray.sni.SniTray;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Chooses the tray and keeps it showing: a StatusNotifierItem where the desktop hosts those (KDE,
 * GNOME with the AppIndicator extension), AWT's tray elsewhere. When the desktop's watcher goes
 * away the AWT tray takes over if there is one; when a watcher comes back the item registers again
 * and takes over. The state and menu last shown are shown again by whichever tray takes over.
 * {@code LATCHKEY_TRAY=awt} skips the StatusNotifierItem.
 */
public final class TrayController {

    /** Which kind of tray is showing. */
    public enum Kind {
        /** A StatusNotifierItem on the session bus. */
        STATUS_NOTIFIER,
        /** AWT's system tray icon. */
        AWT
    }

    private final Supplier<Optional<? extends Tray>> awt;
    private final Optional<SniTray> sni;
    private Tray current;
    private TrayState state = TrayState.SIGNED_OUT;
    private List<TrayMenuItem> menu = List.of();

    private TrayController(Supplier<Optional<? extends Tray>> awt, Optional<SniTray> sni, Tray current) {
        this.awt = awt;
        this.sni = sni;
        this.current = current;
    }

    /**
     * Puts Latchkey's icon on the desktop. Blocking (it talks to the bus and loads AWT), so call it
     * from a background task.
     *
     * @param openWindow run (on the JavaFX thread) when the icon is clicked
     * @param onUi where tray actions run (the JavaFX thread)
     * @param darkPanel use the icons drawn for dark panels
     * @return empty when the desktop has neither kind of tray
     */
    public static Optional<TrayController> install(Runnable openWindow, Executor onUi, boolean darkPanel) {
        boolean awtOnly = "awt".equalsIgnoreCase(System.getenv("LATCHKEY_TRAY"));
        return install(awtOnly ? Optional.empty() : SniTray.connect(openWindow, onUi, darkPanel),
                () -> DesktopTray.install(openWindow, darkPanel));
    }

    /** As {@link #install(Runnable, Executor, boolean)} with the item already connected (or not) and AWT's tray to fall back on. */
    static Optional<TrayController> install(Optional<SniTray> sni, Supplier<Optional<? extends Tray>> awt) {
        Optional<? extends Tray> first = sni.isPresent() ? sni : awt.get();
        if (first.isEmpty()) {
            return Optional.empty();
        }
        TrayController controller = new TrayController(awt, sni, first.get());
        sni.ifPresent(item -> item.onWatcher(controller::watcherChanged));
        return Optional.of(controller);
    }

    /** Which tray shows now. */
    public synchronized Kind kind() {
        return current instanceof SniTray ? Kind.STATUS_NOTIFIER : Kind.AWT;
    }

    /** The tray's own balloons as notifications, where the tray has them (AWT's does). */
    public synchronized Optional<DesktopNotifier> balloons() {
        return current instanceof DesktopNotifier n ? Optional.of(n) : Optional.empty();
    }

    /** Shows {@code shown} in the icon and its tooltip. */
    public synchronized void show(TrayState shown) {
        state = shown;
        current.show(shown);
    }

    /** Replaces the menu. */
    public synchronized void setMenu(List<TrayMenuItem> items) {
        menu = List.copyOf(items);
        current.setMenu(menu);
    }

    /** Takes the icon off the tray: the app is quitting. */
    public synchronized void remove() {
        current.remove();
        if (current != sni.orElse(null)) {
            sni.ifPresent(SniTray::remove);
        }
    }

    private synchronized void watcherChanged(boolean present) {
        SniTray item = sni.orElseThrow();
        if (present && item.register() && current != item) {
            current.remove();
            take(item);
        } else if (!present && current == item) {
            // The item stays exported, ready for a watcher that comes back; AWT shows meanwhile, if it can.
            awt.get().ifPresent(this::take);
        }
    }

    private void take(Tray tray) {
        current = tray;
        tray.show(state);
        tray.setMenu(menu);
    }
}
