package dev.latchkey.app;

import dev.latchkey.app.access.AccessBackend;
import dev.latchkey.app.access.AccessScreens;
import dev.latchkey.app.browser.BrowserBackend;
import dev.latchkey.app.browser.SecretsBrowserView;
import dev.latchkey.app.browser.SecretsBrowserViewModel;
import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.ClipboardAccess;
import dev.latchkey.app.common.Connection;
import dev.latchkey.app.common.DismissedNotices;
import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.Notice;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.Shortcuts;
import dev.latchkey.app.common.Theme;
import dev.latchkey.app.common.Toasts;
import dev.latchkey.app.demo.DemoBrokerRunner;
import dev.latchkey.app.expiry.ExpiryBanner;
import dev.latchkey.app.guard.ActivityView;
import dev.latchkey.app.guard.ActivityViewModel;
import dev.latchkey.app.guard.GuardSection;
import dev.latchkey.app.guard.GuardedRepositoriesViewModel;
import dev.latchkey.app.guard.HookCommand;
import dev.latchkey.app.keychain.KeychainPromptBanner;
import dev.latchkey.app.launcher.LauncherView;
import dev.latchkey.app.launcher.LauncherViewModel;
import dev.latchkey.app.launcher.ProfileEditorView;
import dev.latchkey.app.launcher.ProfileEditorViewModel;
import dev.latchkey.app.launcher.ProfileEntry;
import dev.latchkey.app.launcher.ProfileStore;
import dev.latchkey.app.launcher.RunningApp;
import dev.latchkey.app.notify.DesktopNotifier;
import dev.latchkey.app.notify.FreedesktopNotifier;
import dev.latchkey.app.settings.SettingsView;
import dev.latchkey.app.settings.SettingsViewModel;
import dev.latchkey.app.shell.MainWindow;
import dev.latchkey.app.shell.NavItem;
import dev.latchkey.app.shell.StartingView;
import dev.latchkey.app.signin.SignInFlow;
import dev.latchkey.app.signin.SignInView;
import dev.latchkey.app.signin.SignInViewModel;
import dev.latchkey.app.tray.DesktopTray;
import dev.latchkey.app.tray.TrayController;
import dev.latchkey.app.tray.TrayMenu;
import dev.latchkey.app.tray.TrayState;
import dev.latchkey.app.tray.TraySupport;
import dev.latchkey.app.welcome.WelcomeView;
import dev.latchkey.app.welcome.WelcomeViewModel;
import dev.latchkey.core.Session;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.events.EventStream;
import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.expiry.ExpiryEvent;
import dev.latchkey.core.expiry.ExpiryMonitor;
import dev.latchkey.core.expiry.Thresholds;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.core.launch.BrokerSecretSource;
import dev.latchkey.core.launch.SecretSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;

/**
 * The JavaFX application. It shows the window at once and does everything slow (the demo
 * broker's process, broker checks, the tray probe) in the background, so the first frame is quick.
 */
public final class LatchkeyApp extends Application {

    static final String TITLE = MainWindow.TITLE;

    /** Notices about this machine rather than the person signed in: they survive a sign-out. */
    private static final Set<String> MACHINE_NOTICES = Set.of(TraySupport.NO_TRAY_KEY, "memory-only",
            KeychainPromptBanner.KEY);

    private DemoBrokerRunner demo;
    private final BannerModel banner = new BannerModel();
    private Toasts toasts;
    private DismissedNotices dismissed;
    private final AtomicReference<Session> session = new AtomicReference<>();
    private LeakGuard guard;
    private AppServices services;
    private LaunchOptions options;
    private MainWindow window;
    private ExpiryBanner expiry;
    private LauncherViewModel launcher;
    private AccessScreens access;
    private SecretsBrowserViewModel browser;
    private ExpiryMonitor monitor;
    private DesktopNotifier notifier = DesktopNotifier.NONE;
    private Optional<TrayController> tray = Optional.empty();
    private Optional<FreedesktopNotifier> desktopNotifier = Optional.empty();
    private Scheduler.Cancellable trayTick = () -> { };
    private boolean toldAboutTray;
    /** Signs out from the tray; null while nobody is signed in with a session. */
    private Runnable signOut;

    /** Used by {@link Application#launch}: production services, options from the command line. */
    public LatchkeyApp() {
    }

    /** Used by tests: their own services and options. */
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
        toasts = new Toasts(services.scheduler());
        dismissed = DismissedNotices.in(services.folders().config());
        window = new MainWindow(stage, banner, toasts, theme);
        window.rememberPlacement(services.folders().config());
        services.keychainPrompts().attach(banner);
        ExpiryMonitor monitor = new ExpiryMonitor(services.scheduler().clock(), Thresholds.DEFAULT);
        this.monitor = monitor;
        expiry = new ExpiryBanner(monitor, Thresholds.DEFAULT, banner, services.scheduler(), dismissed);
        // The same warnings and ends as the banner, as desktop notifications (tray balloon or notify-send);
        // a grant's end also turns its secrets' Reveal and Copy off in the browser.
        monitor.addListener(event -> {
            notifier.show("Latchkey", expiry.describe(event), event instanceof ExpiryEvent.Expired);
            if (browser != null && event.item().kind() == Expiring.Kind.GRANT) {
                browser.accessChanged();
            }
            refreshTray();
        });
        // Dismissing an "access ended" notice lets the tray leave its ended state; the explanation of the
        // missing tray icon is said once, not on every start.
        banner.addDismissListener(key -> {
            if (key.equals(TraySupport.NO_TRAY_KEY)) {
                dismissed.add(key);
            }
            refreshTray();
        });
        demo = new DemoBrokerRunner(services.demoBroker(), DemoBrokerRunner.logIn(services.folders().state()));
        WelcomeViewModel welcome = new WelcomeViewModel(services.tasks(), services.scheduler(), services.probe(),
                demo::start, this::connected);
        WelcomeView welcomeView = new WelcomeView(welcome);
        switch (options.mode()) {
            case DEMO -> {
                window.show(new StartingView("Starting the demo broker …"));
                // If the demo cannot start, the welcome screen says why and offers both ways on.
                welcome.demoErrorProperty().addListener((obs, old, error) -> {
                    if (!error.isEmpty()) {
                        window.show(welcomeView);
                    }
                });
            }
            case WELCOME -> window.show(welcomeView);
            case BROKER -> {
                window.show(welcomeView);
                welcome.urlProperty().set(options.broker().orElseThrow().toString());
                welcome.connect();
            }
        }
        window.setStatus("Not connected");
        stage.show();
        if (options.mode() == LaunchOptions.Mode.DEMO) {
            // Beside the window, never before it: the broker's own JVM starts while the first frame paints.
            welcome.tryDemo();
        }
        boolean darkPanel = DesktopTray.darkPanelLikely();
        // Notifications through the desktop's notification server where one answers on the session bus,
        // else as the tray's balloons, else none (the window's notices and toasts still say everything).
        services.tasks().run(() -> new Desktop(TrayController.install(this::openWindow, Platform::runLater, darkPanel),
                FreedesktopNotifier.connect()), desktop -> {
            desktopNotifier = desktop.notifications();
            tray = desktop.tray();
            notifier = desktop.notifications().<DesktopNotifier>map(n -> n)
                    .or(() -> desktop.tray().flatMap(TrayController::balloons)).orElse(DesktopNotifier.NONE);
            if (tray.isPresent()) {
                // Closing the window keeps Latchkey in the tray; Quit in its menu ends it.
                Platform.setImplicitExit(false);
                stage.setOnCloseRequest(e -> {
                    if (!toldAboutTray) {
                        toldAboutTray = true;
                        notifier.show("Latchkey is still running", "Expiry warnings keep coming from the tray icon. "
                                + "Quit from its menu.", false);
                    }
                });
                refreshTray();
            } else {
                noTray();
            }
        }, failure -> noTray());
    }

    private void noTray() {
        if (!dismissed.contains(TraySupport.NO_TRAY_KEY)) {
            banner.show(TraySupport.noTrayNotice());
        }
    }

    /** What the desktop offers: a tray icon, a notification server. */
    private record Desktop(Optional<TrayController> tray, Optional<FreedesktopNotifier> notifications) {
    }

    /** Brings the window back (from the tray). */
    private void openWindow() {
        Stage stage = window.stage();
        stage.show();
        stage.setIconified(false);
        stage.toFront();
    }

    /**
     * Redraws the tray: the icon for the worst upcoming expiry, and the menu with running apps and
     * active grants. Again each minute, so the menu's "time left" stays true.
     */
    private void refreshTray() {
        if (tray.isEmpty()) {
            return;
        }
        Clock clock = services.scheduler().clock();
        Instant now = clock.instant();
        tray.get().show(trayState());
        List<String> running = launcher == null ? List.of()
                : launcher.apps().stream().filter(RunningApp::active).map(a -> a.profile().name()).toList();
        List<TrayMenu.GrantLine> grants = browser == null ? List.of() : browser.grants().stream()
                .filter(g -> g.activeAt(now)).map(g -> new TrayMenu.GrantLine(g.what(), g.endsAt())).toList();
        List<TrayMenu.GrantLine> ended = monitor.ended().stream().filter(e -> e.kind() == Expiring.Kind.GRANT)
                .map(e -> new TrayMenu.GrantLine(e.label(), e.endsAt())).toList();
        tray.get().setMenu(TrayMenu.build(running, grants, ended, signOut != null, now, clock.getZone(),
                new TrayMenu.Actions(this::openWindow, () -> {
                    if (signOut != null) {
                        openWindow();
                        signOut.run();
                    }
                }, Platform::exit)));
        trayTick.cancel();
        trayTick = services.scheduler().after(Duration.ofMinutes(1), this::refreshTray);
    }

    /**
     * The tray icon's state: "signed out" while nobody's secrets are shown, else the worst grant
     * watched (an ended one stays until its notice is dismissed), or "offline" if nothing ends soon.
     */
    TrayState trayState() {
        return browser == null ? TrayState.SIGNED_OUT : TrayState.of(monitor.items(),
                services.scheduler().clock().instant(), expiry.thresholds().first(), access != null && access.offline());
    }

    private record Opened(Session session, Optional<User> user) {
    }

    /** Opens the session with the broker (the keychain probe blocks), then signs in or goes straight on. */
    private void connected(Connection connection) {
        window.setStatus(brokerStatus(connection));
        window.show(new StartingView("Opening your session …"));
        services.tasks().run(() -> {
            Session opened = services.sessions().apply(connection.url());
            return new Opened(opened, opened.currentUser());
        }, opened -> {
            Session earlier = session.getAndSet(opened.session());
            if (earlier != null) {
                earlier.close();
            }
            switch (opened.session().storageMode()) {
                case StorageMode.MemoryOnly m ->
                        banner.show(new Notice("memory-only", Notice.Severity.WARNING, m.describe()));
                case StorageMode.Keychain k -> banner.dismiss("memory-only");
            }
            if (opened.user().isPresent()) {
                signedIn(connection, opened.user().get());
            } else {
                signIn(connection, opened.session());
            }
        }, failure -> banner.show(new Notice("session", Notice.Severity.ERROR,
                "Could not open a session: " + Failures.describe(failure))));
    }

    private void signIn(Connection connection, Session opened) {
        if (access != null) {
            access.close();
            access = null;
        }
        expiry.forgetGrants(); // the next person signed in sees nothing of these grants
        // Nor any of the last person's news or notices; only what is about this machine stays.
        toasts.clear();
        banner.dismissIf(n -> !MACHINE_NOTICES.contains(n.key()));
        browser = null;
        refreshTray();
        window.setNavigation();
        SignInViewModel model = new SignInViewModel(services.tasks(), services.scheduler(), SignInFlow.of(opened),
                ClipboardAccess.system(), this::openInBrowser, user -> signedIn(connection, user));
        window.show(new SignInView(model, connection.demo() ? "the demo broker" : connection.url().getHost(),
                connection.demo()));
        model.start();
    }

    private void signedIn(Connection connection, User user) {
        openBrowser(connection, session.get().bearerToken());
        String broker = brokerStatus(connection);
        window.setStatus("Signed in as " + user.name() + " · " + Character.toLowerCase(broker.charAt(0)) + broker.substring(1));
    }

    /** The status line's words for the broker: "Demo broker (development mode) at …" or "Broker at …". */
    private static String brokerStatus(Connection connection) {
        return (connection.demo() ? "Demo broker (development mode) at " : "Broker at ") + connection.url();
    }

    private void showSettings(Connection connection, Session current) {
        SettingsViewModel model = new SettingsViewModel(services.tasks(), connection.url(), current.storageMode(),
                window.theme(), expiry.thresholds(), window::setTheme, expiry::setThresholds, current::signOut,
                () -> {
                    window.setStatus(brokerStatus(connection));
                    signIn(connection, current);
                });
        GuardedRepositoriesViewModel repositories = new GuardedRepositoriesViewModel(services.tasks(), guard(),
                HookCommand.find());
        repositories.load();
        window.show(new SettingsView(model, new GuardSection(repositories).root()));
    }

    /** The leak guard of this app: one, so that its background recording keeps one thread. */
    private synchronized LeakGuard guard() {
        if (guard == null) {
            guard = services.folders().leakGuard();
        }
        return guard;
    }

    private void showActivity() {
        ActivityViewModel model = new ActivityViewModel(services.tasks(), guard(), services.folders().launchLog(),
                services.scheduler().clock().getZone());
        model.load();
        window.show(new ActivityView(model));
    }

    private void openInBrowser(URI link) {
        try {
            getHostServices().showDocument(link.toString());
        } catch (RuntimeException e) {
            // Tests and some desktops have no way to open a browser: say where to go instead.
            banner.show(new Notice("browser", Notice.Severity.INFO, "Could not open a browser here. Open " + link
                    + " in a browser yourself."));
        }
    }

    /**
     * Opens the signed-in screens (secrets browser, launcher, settings when there is a session)
     * and shows the browser. The sign-in screen calls this once core's session lands; tests sign
     * in through the dev IdP and call it directly.
     */
    SecretsBrowserView openBrowser(Connection connection, BearerToken token) {
        window.setStatus(brokerStatus(connection)); // signing in adds who, once the browser is open
        BrokerClient client = new BrokerClient(connection.url(), token);
        LeakGuard guard = guard();
        SecretsBrowserViewModel model = new SecretsBrowserViewModel(services.tasks(), services.scheduler(),
                BrowserBackend.over(client, guard), ClipboardAccess.system());
        SecretsBrowserView view = new SecretsBrowserView(model, services.scheduler().clock().getZone());
        window.show(view, view.shortcuts());
        // Each grant is watched on its own; warnings and ends go to the banner, the tray and notifications.
        model.grants().addListener((ListChangeListener<Grant>) c -> {
            if (browser == model) { // a signed-out session's late answer changes nothing
                expiry.watchGrants(model.grants());
                refreshTray();
            }
        });
        this.browser = model;
        model.load();

        // With a session, core keeps minted sandbox tokens in the keychain so a launch can start offline.
        Session signedIn = session.get();
        SecretSource broker = new BrokerSecretSource(client);
        SecretSource launches = signedIn == null ? broker : signedIn.keepingSandboxTokens(broker, notice -> { });
        LauncherViewModel launcher = new LauncherViewModel(services.tasks(), services.scheduler(),
                new ProfileStore(services.folders().config()), guard.recording(launches, connection.url(), notice -> { }),
                services.folders(), app -> refreshTray());
        launcher.load();
        AtomicReference<LauncherView> launcherView = new AtomicReference<>();
        Runnable showLauncher = () -> window.show(launcherView.get());
        this.launcher = launcher;

        AccessScreens earlier = access;
        if (earlier != null) {
            earlier.close();
        }
        AccessScreens screens = new AccessScreens(services.tasks(), services.scheduler(), AccessBackend.over(client), model,
                window, banner, toasts, () -> notifier, d -> launcher.decided(d.requestId(), d.state()), this::refreshTray);
        access = screens;
        // A revoked grant ends at once: its notice says who and why until dismissed, and the apps given
        // something under it react as their profiles say.
        screens.onRevoked((grantId, scope, why) -> {
            expiry.revoked(grantId, scope, why);
            launcher.grantRevoked(grantId, scope, why);
        });
        expiry.onExtend(screens::extend);
        launcherView.set(new LauncherView(launcher, entry -> editProfile(launcher, entry, model, showLauncher),
                (profile, need) -> screens.openForm(need.scope(), need.secrets(), r -> {
                    showLauncher.run();
                    launcher.launchWhenApproved(profile, r);
                })));
        launcherView.get().onExtend(screens::extend);
        screens.start(new EventStream(client.base(), client.bearerToken()));

        // The browser's "Request access to payments/prod…" opens the form with that scope and secret.
        view.onRequestAccess(need -> screens.openForm(need.scope(), need.secrets(), r -> { }));
        Button secrets = NavItem.of("_Secrets", "nav-secrets", Feather.KEY, () -> window.show(view, view.shortcuts()));
        Button launch = NavItem.of("La_uncher", "nav-launcher", Feather.PLAY_CIRCLE, showLauncher);
        Button activity = NavItem.of("Acti_vity", "nav-activity", Feather.ACTIVITY, this::showActivity);
        Session current = session.get();
        if (current != null) {
            Button settings = NavItem.of("Se_ttings", "nav-settings", Feather.SETTINGS, () -> showSettings(connection, current));
            window.setNavigation(secrets, launch, screens.requestsNav(), screens.approvalsNav(), activity, settings);
            signOut = () -> services.tasks().run(current::signOut, revoked -> {
                signOut = null;
                refreshTray();
                signIn(connection, current);
            }, failure -> banner.show(new Notice("sign-out", Notice.Severity.ERROR,
                    "Signing out did not finish: " + Failures.describe(failure) + " Try again from Settings.")));
            window.shortcuts().global(Shortcuts.SETTINGS, () -> showSettings(connection, current));
        } else {
            window.setNavigation(secrets, launch, screens.requestsNav(), screens.approvalsNav(), activity);
        }
        // Ctrl/Cmd+R from anywhere: the request form for the scope selected in the browser.
        window.shortcuts().global(Shortcuts.REQUEST, () -> screens.openForm(screens.selectedScope(), r -> { }));
        // Ctrl/Cmd+L from anywhere: show the launcher and launch what is selected there.
        window.shortcuts().global(Shortcuts.LAUNCH, () -> {
            showLauncher.run();
            launcher.launchSelected();
        });
        return view;
    }

    private void editProfile(LauncherViewModel launcher, ProfileEntry entry, SecretsBrowserViewModel browser,
                             Runnable back) {
        Optional<String> original = Optional.ofNullable(entry).map(e -> e.profile().name());
        ProfileEditorViewModel form = new ProfileEditorViewModel(Optional.ofNullable(entry).map(ProfileEntry::profile),
                launcher.savedNames().stream().filter(n -> original.filter(n::equals).isEmpty()).toList(),
                browser.allRefs(), p -> launcher.save(p, original, back));
        // The secret selected in the browser is the likeliest one wanted: offer it first.
        browser.selectedRow().ifPresent(row -> {
            form.newRefProperty().set(row.ref().toString());
            form.newVariableProperty().set(row.meta().name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_"));
        });
        window.show(new ProfileEditorView(form, back));
    }

    /** The access screens of the signed-in session, for tests. */
    AccessScreens access() {
        return access;
    }

    /** The launcher of the signed-in session, for tests. */
    LauncherViewModel launcher() {
        return launcher;
    }

    /** The secrets browser of the signed-in session, for tests. */
    SecretsBrowserViewModel browser() {
        return browser;
    }

    /** The main window, for tests. */
    MainWindow window() {
        return window;
    }

    /** The banner, for tests. */
    BannerModel banner() {
        return banner;
    }

    /** The toasts, for tests. */
    Toasts toasts() {
        return toasts;
    }

    @Override
    public void stop() {
        if (launcher != null) {
            // Apps launched from here end with Latchkey: their credentials were handed out for this session.
            launcher.apps().forEach(RunningApp::stop);
        }
        if (access != null) {
            access.close();
        }
        trayTick.cancel();
        if (window != null) {
            window.savePlacement();
        }
        tray.ifPresent(TrayController::remove);
        desktopNotifier.ifPresent(FreedesktopNotifier::close);
        Session open = session.getAndSet(null);
        if (open != null) {
            open.close();
        }
        if (demo != null) {
            demo.close();
        }
        if (services != null) {
            services.close();
        }
    }
}
