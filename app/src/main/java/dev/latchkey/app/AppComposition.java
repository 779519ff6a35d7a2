package dev.latchkey.app;

import dev.latchkey.app.agent.AgentHost;
import dev.latchkey.app.agent.ApprovalPrompts;
import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.DismissedNotices;
import dev.latchkey.app.common.Theme;
import dev.latchkey.app.common.Toasts;
import dev.latchkey.app.expiry.ExpiryBanner;
import dev.latchkey.app.shell.MainWindow;
import dev.latchkey.app.tray.TraySupport;
import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.expiry.ExpiryEvent;
import dev.latchkey.core.expiry.ExpiryMonitor;
import dev.latchkey.core.expiry.Thresholds;
import dev.latchkey.core.guard.LeakGuard;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Stage;

/**
 * The running app, composed: {@link #start} builds its parts on the services given and wires them
 * together, {@link #close} takes them apart. {@link LatchkeyApp} composes it on the production
 * services; the AOT training and the window tests compose it on their own.
 *
 * <p>It shows the window at once and does everything slow (the demo broker's process, broker
 * checks, the tray probe) in the background, so the first frame is quick; the tray probe waits
 * until the demo broker is up and the sign-in screen shows its code.
 *
 * @param parts what every part shares: the services, the window, its notices, the expiry watch, the agent
 * @param navigation the signed-in pages and the ways between them
 * @param sessions the session and, once someone is signed in, their services
 * @param tray the tray icon and desktop notifications
 * @param demo the first screen and the demo broker's process behind it
 */
record AppComposition(AppParts parts, Navigation navigation, SessionWiring sessions, TrayWiring tray,
                      DemoLifecycle demo) implements AutoCloseable {

    /**
     * Builds the app in {@code stage} and shows it, on the JavaFX thread. The composition owns
     * {@code services} from here on: {@link #close} closes them.
     *
     * @param openLink opens a link in the person's browser; may throw where there is none
     */
    static AppComposition start(Stage stage, AppServices services, LaunchOptions options, Consumer<URI> openLink) {
        Theme theme = options.theme().map(Theme::parse).orElseGet(Theme::followingOs);
        BannerModel banner = new BannerModel();
        Toasts toasts = new Toasts(services.scheduler());
        DismissedNotices dismissed = DismissedNotices.in(services.folders().config());
        MainWindow window = new MainWindow(stage, banner, toasts, theme);
        window.rememberPlacement(services.folders().config());
        services.keychainPrompts().attach(banner);
        ExpiryMonitor monitor = new ExpiryMonitor(services.scheduler().clock(), Thresholds.DEFAULT);
        ExpiryBanner expiry = new ExpiryBanner(monitor, Thresholds.DEFAULT, banner, services.scheduler(), dismissed);
        Supplier<LeakGuard> guard = once(services.folders()::leakGuard);
        AgentHost agent = new AgentHost(services.tasks(), services.scheduler().clock(), services.folders().agentPaths(),
                guard, banner, services.folders().launchLog(), new ApprovalPrompts(window::stage), services.folders().config());
        AppParts parts = new AppParts(services, window, banner, toasts, monitor, expiry, guard, agent);

        Navigation navigation = new Navigation(parts);
        // The session and the tray know each other: the tray's menu reads who is signed in, and what
        // the session changes redraws the tray. The session asks for the tray only once a broker answers.
        AtomicReference<TrayWiring> trayRef = new AtomicReference<>();
        SessionWiring sessions = new SessionWiring(parts, navigation, openLink, () -> trayRef.get().notifier(),
                () -> trayRef.get().refresh());
        TrayWiring tray = new TrayWiring(parts, dismissed, sessions);
        trayRef.set(tray);
        // The same warnings and ends as the banner, as desktop notifications (tray balloon or notify-send);
        // a grant's end also turns its secrets' Reveal and Copy off in the browser.
        monitor.addListener(event -> {
            tray.notifier().show("Latchkey", expiry.describe(event), event instanceof ExpiryEvent.Expired);
            if (event.item().kind() == Expiring.Kind.GRANT) {
                sessions.signedIn().ifPresent(s -> s.browser().accessChanged());
            }
            tray.refresh();
        });
        // Dismissing an "access ended" notice lets the tray leave its ended state; the explanation of the
        // missing tray icon is said once, not on every start.
        banner.addDismissListener(key -> {
            if (key.equals(TraySupport.NO_TRAY_KEY)) {
                dismissed.add(key);
            }
            tray.refresh();
        });

        DemoLifecycle demo = new DemoLifecycle(services, options, window, sessions::openAhead, sessions::connected);
        demo.showFirstScreen();
        window.setStatus("Not connected");
        stage.show();
        // The tray's look for a tray and a notification server (D-Bus, AWT) waits until the demo broker is
        // up and the screen it leads to is ready (the sign-in code shown): on two cores it took CPU first
        // from the broker starting beside the window, then from the sign-in screen. Deferred past the
        // current UI step, where the connection to the demo broker starts.
        demo.startDemoIfAsked(() -> services.tasks().onUi(() -> sessions.whenSettled(tray::install)));
        return new AppComposition(parts, navigation, sessions, tray, demo);
    }

    /** {@code make}'s answer, made on first use and kept. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }

    /** Quitting: the launched apps and the agent stop, the window's place is kept, the demo broker ends. */
    @Override
    public void close() {
        sessions.close();
        parts.agent().close();
        tray.close();
        parts.window().savePlacement();
        demo.close();
        parts.services().close();
    }
}
