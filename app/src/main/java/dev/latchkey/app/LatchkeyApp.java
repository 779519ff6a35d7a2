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
import java.util.List;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application and its composition root: it builds the app's parts and wires them
 * together. It shows the window at once and does everything slow (the demo broker's process,
 * broker checks, the tray probe) in the background, so the first frame is quick.
 */
public final class LatchkeyApp extends Application {

    static final String TITLE = MainWindow.TITLE;

    private AppServices services;
    private LaunchOptions options;
    private AppParts parts;
    private DemoLifecycle demo;
    private Navigation navigation;
    private SessionWiring sessions;
    private TrayWiring tray;

    /** Used by {@link Application#launch}: production services, options from the command line. */
    public LatchkeyApp() {
    }

    /** An app on the given services and options (tests give their own clock, store and folders). */
    LatchkeyApp(AppServices services, LaunchOptions options) {
        this.services = services;
        this.options = options;
    }

    @Override
    public void start(Stage stage) {
        if (services == null) {
            services = AppServices.production();
        }
        if (options == null) {
            options = LaunchOptions.parse(getParameters() == null ? List.of() : getParameters().getRaw());
        }
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
        parts = new AppParts(services, window, banner, toasts, monitor, expiry, guard, agent);

        navigation = new Navigation(parts);
        sessions = new SessionWiring(parts, navigation, link -> getHostServices().showDocument(link.toString()),
                () -> tray.notifier(), () -> tray.refresh());
        tray = new TrayWiring(parts, dismissed, sessions);
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

        demo = new DemoLifecycle(services, options, window, sessions::connected);
        demo.showFirstScreen();
        window.setStatus("Not connected");
        stage.show();
        demo.startDemoIfAsked();
        tray.install();
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

    /** The window and what it shows. */
    AppParts parts() {
        return parts;
    }

    /** The pages and the ways between them. */
    Navigation navigation() {
        return navigation;
    }

    /** The session and, once someone is signed in, their services. */
    SessionWiring sessions() {
        return sessions;
    }

    /** The tray and desktop notifications. */
    TrayWiring tray() {
        return tray;
    }

    @Override
    public void stop() {
        if (sessions != null) {
            sessions.close();
        }
        if (parts != null) {
            parts.agent().close();
        }
        if (tray != null) {
            tray.close();
        }
        if (parts != null) {
            parts.window().savePlacement();
        }
        if (demo != null) {
            demo.close();
        }
        if (services != null) {
            services.close();
        }
    }
}
