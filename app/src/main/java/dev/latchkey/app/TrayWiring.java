package dev.latchkey.app;

import dev.latchkey.app.common.DismissedNotices;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.launcher.RunningApp;
import dev.latchkey.app.notify.DesktopNotifier;
import dev.latchkey.app.notify.FreedesktopNotifier;
import dev.latchkey.app.tray.DesktopTray;
import dev.latchkey.app.tray.TrayController;
import dev.latchkey.app.tray.TrayMenu;
import dev.latchkey.app.tray.TrayState;
import dev.latchkey.app.tray.TraySupport;
import dev.latchkey.core.expiry.Expiring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The app's place on the desktop: the tray icon with its menu (running apps, active and ended
 * grants, sign out, quit), and desktop notifications through the desktop's notification server,
 * else the tray's balloons, else none (the window's notices and toasts still say everything).
 */
final class TrayWiring {

    private final AppParts parts;
    private final DismissedNotices dismissed;
    private final SessionWiring sessions;
    private Optional<TrayController> tray = Optional.empty();
    private Optional<FreedesktopNotifier> desktopNotifier = Optional.empty();
    private DesktopNotifier notifier = DesktopNotifier.NONE;
    private Scheduler.Cancellable tick = () -> { };
    private boolean toldAboutTray;

    TrayWiring(AppParts parts, DismissedNotices dismissed, SessionWiring sessions) {
        this.parts = parts;
        this.dismissed = dismissed;
        this.sessions = sessions;
    }

    /** What the desktop offers: a tray icon, a notification server. */
    private record Desktop(Optional<TrayController> tray, Optional<FreedesktopNotifier> notifications) {
    }

    /** Looks for a tray and a notification server in the background (both talk to the session bus). */
    void install() {
        boolean darkPanel = DesktopTray.darkPanelLikely();
        parts.services().tasks().run(() -> new Desktop(TrayController.install(this::openWindow, Platform::runLater,
                darkPanel), FreedesktopNotifier.connect()), desktop -> {
            desktopNotifier = desktop.notifications();
            tray = desktop.tray();
            notifier = desktop.notifications().<DesktopNotifier>map(n -> n)
                    .or(() -> desktop.tray().flatMap(TrayController::balloons)).orElse(DesktopNotifier.NONE);
            if (tray.isPresent()) {
                keepRunningInTray();
                refresh();
            } else {
                noTray();
            }
        }, failure -> noTray());
    }

    /** Closing the window keeps Latchkey in the tray; Quit in its menu ends it. */
    private void keepRunningInTray() {
        Platform.setImplicitExit(false);
        parts.window().stage().setOnCloseRequest(e -> {
            if (!toldAboutTray) {
                toldAboutTray = true;
                notifier.show("Latchkey is still running", "Expiry warnings keep coming from the tray icon. "
                        + "Quit from its menu.", false);
            }
        });
    }

    private void noTray() {
        if (!dismissed.contains(TraySupport.NO_TRAY_KEY)) {
            parts.banner().show(TraySupport.noTrayNotice());
        }
    }

    /** Where desktop notifications go now (none until the desktop has been probed). */
    DesktopNotifier notifier() {
        return notifier;
    }

    /** Brings the window back (from the tray). */
    void openWindow() {
        Stage stage = parts.window().stage();
        stage.show();
        stage.setIconified(false);
        stage.toFront();
    }

    /**
     * Redraws the tray: the icon for the worst upcoming expiry, and the menu with running apps and
     * active grants. Again each minute, so the menu's "time left" stays true.
     */
    void refresh() {
        if (tray.isEmpty()) {
            return;
        }
        Clock clock = parts.services().scheduler().clock();
        Instant now = clock.instant();
        tray.get().show(state());
        List<String> running = sessions.launchedApps().stream().filter(RunningApp::active)
                .map(a -> a.profile().name()).toList();
        List<TrayMenu.GrantLine> grants = sessions.signedIn().map(s -> s.browser().grants().stream()
                .filter(g -> g.activeAt(now)).map(g -> new TrayMenu.GrantLine(g.what(), g.endsAt())).toList())
                .orElse(List.of());
        List<TrayMenu.GrantLine> ended = parts.monitor().ended().stream().filter(e -> e.kind() == Expiring.Kind.GRANT)
                .map(e -> new TrayMenu.GrantLine(e.label(), e.endsAt())).toList();
        tray.get().setMenu(TrayMenu.build(running, grants, ended, sessions.signedIn().isPresent(), now,
                clock.getZone(), new TrayMenu.Actions(this::openWindow, () -> {
                    if (sessions.signedIn().isPresent()) {
                        openWindow();
                        sessions.signOut();
                    }
                }, Platform::exit)));
        tick.cancel();
        tick = parts.services().scheduler().after(Duration.ofMinutes(1), this::refresh);
    }

    /**
     * The tray icon's state: "signed out" while nobody's secrets are shown, else the worst grant
     * watched (an ended one stays until its notice is dismissed), or "offline" if nothing ends soon.
     */
    TrayState state() {
        return sessions.signedIn().map(s -> TrayState.of(parts.monitor().items(),
                        parts.services().scheduler().clock().instant(), parts.expiry().thresholds().first(),
                        s.access().offline()))
                .orElse(TrayState.SIGNED_OUT);
    }

    /** Takes the icon off the desktop and lets go of the notification server: the app is quitting. */
    void close() {
        tick.cancel();
        tray.ifPresent(TrayController::remove);
        desktopNotifier.ifPresent(FreedesktopNotifier::close);
    }
}
