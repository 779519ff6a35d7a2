package dev.latchkey.app;

import dev.latchkey.app.common.ClipboardAccess;
import dev.latchkey.app.common.Connection;
import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.Notice;
import dev.latchkey.app.keychain.KeychainPromptBanner;
import dev.latchkey.app.launcher.RunningApp;
import dev.latchkey.app.notify.DesktopNotifier;
import dev.latchkey.app.shell.StartingView;
import dev.latchkey.app.signin.SignInFlow;
import dev.latchkey.app.signin.SignInState;
import dev.latchkey.app.signin.SignInView;
import dev.latchkey.app.signin.SignInViewModel;
import dev.latchkey.app.tray.TraySupport;
import dev.latchkey.core.Session;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.keychain.StorageMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

/**
 * The session with a broker and what follows from it: opening it once a broker answers, the
 * sign-in screen while nobody is signed in, the signed-in services and pages once someone is,
 * and back to the sign-in screen on a sign-out (from Settings or the tray). One session and one
 * set of signed-in services at a time; a new connection or sign-in replaces the earlier ones.
 */
final class SessionWiring implements AutoCloseable {

    static final String MEMORY_ONLY_KEY = "memory-only";

    /** Notices about this machine rather than the person signed in: they survive a sign-out. */
    private static final Set<String> MACHINE_NOTICES = Set.of(TraySupport.NO_TRAY_KEY, MEMORY_ONLY_KEY,
            KeychainPromptBanner.KEY);

    private final AppParts parts;
    private final Navigation navigation;
    private final Consumer<URI> openLink;
    private final Supplier<DesktopNotifier> notifier;
    private final Runnable accessChanged;
    private final SessionOpener opener;
    private Optional<Session> session = Optional.empty();
    private volatile Optional<SignedInServices> signedIn = Optional.empty();
    /** The latest launcher: its apps run on after a sign-out, until Latchkey quits. */
    private volatile List<RunningApp> launched = List.of();
    /** True from a connection until its first screen is ready (UI thread only). */
    private boolean settling;
    /** What waits for that: {@link #whenSettled} (UI thread only). */
    private final List<Runnable> onSettled = new ArrayList<>();

    /**
     * @param openLink opens a link in the person's browser; may throw where there is none
     * @param notifier where desktop notifications go at the time of each one
     * @param accessChanged told when grants, apps, the broker's reachability or who is signed in change
     */
    SessionWiring(AppParts parts, Navigation navigation, Consumer<URI> openLink, Supplier<DesktopNotifier> notifier,
                  Runnable accessChanged) {
        this.parts = parts;
        this.navigation = navigation;
        this.openLink = openLink;
        this.notifier = notifier;
        this.accessChanged = accessChanged;
        this.opener = new SessionOpener(parts.services().tasks(), parts.services().sessions());
    }

    /**
     * Starts opening the session with the broker at {@code url} while it is still being checked:
     * {@link #connected} to it then finds the session open or on its way (the demo's own broker).
     */
    void openAhead(URI url) {
        opener.openAhead(url);
    }

    /** Opens the session with the broker (the keychain probe blocks), then signs in or goes straight on. */
    void connected(Connection connection) {
        settling = true;
        parts.window().setStatus(brokerStatus(connection));
        parts.window().show(new StartingView("Opening your session …"));
        parts.services().tasks().run(() -> opener.open(connection.url()), opened -> {
            session.ifPresent(Session::close);
            session = Optional.of(opened.session());
            switch (opened.session().storageMode()) {
                case StorageMode.MemoryOnly m ->
                        parts.banner().show(new Notice(MEMORY_ONLY_KEY, Notice.Severity.WARNING, m.describe()));
                case StorageMode.Keychain k -> parts.banner().dismiss(MEMORY_ONLY_KEY);
            }
            if (opened.user().isPresent()) {
                signedIn(connection, opened.session(), opened.user().get());
            } else {
                signIn(connection, opened.session());
            }
        }, failure -> {
            parts.banner().show(new Notice("session", Notice.Severity.ERROR,
                    "Could not open a session: " + Failures.describe(failure)));
            settled();
        });
    }

    /**
     * Runs {@code action} on the UI thread once the screen a connection leads to is ready: the
     * sign-in screen with its code (or saying why there is none), the signed-in pages, or the
     * notice that the session did not open; at once when no connection is under way. Work that can
     * wait (the tray's look at the session bus) then does not take the cores the first screen needs.
     */
    void whenSettled(Runnable action) {
        if (settling) {
            onSettled.add(action);
        } else {
            action.run();
        }
    }

    private void settled() {
        settling = false;
        List<Runnable> waiting = List.copyOf(onSettled);
        onSettled.clear();
        waiting.forEach(Runnable::run);
    }

    /** Nobody is signed in: stops the signed-in services, forgets their news and shows the sign-in screen. */
    private void signIn(Connection connection, Session opened) {
        stopSignedIn();
        parts.agent().stop(); // signed out or switching: the agent serves nobody's session until the next sign-in
        parts.expiry().forgetGrants(); // the next person signed in sees nothing of these grants
        // Nor any of the last person's news or notices; only what is about this machine stays.
        parts.toasts().clear();
        parts.banner().dismissIf(n -> !MACHINE_NOTICES.contains(n.key()));
        accessChanged.run();
        navigation.signedOut();
        SignInViewModel model = new SignInViewModel(parts.services().tasks(), parts.services().scheduler(),
                SignInFlow.of(opened), ClipboardAccess.system(), this::openInBrowser,
                user -> signedIn(connection, opened, user));
        parts.window().show(new SignInView(model, connection.demo() ? "the demo broker" : connection.url().getHost(),
                connection.demo()));
        model.stateProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends SignInState> state, SignInState was, SignInState now) {
                if (!(now instanceof SignInState.Starting)) {
                    state.removeListener(this);
                    settled();
                }
            }
        });
        model.start();
    }

    /** {@code user} is signed in: starts their services and shows their pages. */
    private void signedIn(Connection connection, Session opened, User user) {
        stopSignedIn();
        SignedInServices started = SignedInServices.start(parts, connection, opened, notifier, accessChanged);
        signedIn = Optional.of(started);
        launched = started.launcher().apps();
        parts.agent().serve(opened);
        navigation.signedIn(started, () -> {
            parts.window().setStatus(brokerStatus(connection));
            signIn(connection, opened);
        });
        String broker = brokerStatus(connection);
        parts.window().setStatus("Signed in as " + user.name() + " · " + Character.toLowerCase(broker.charAt(0))
                + broker.substring(1));
        settled();
    }

    private void stopSignedIn() {
        signedIn.ifPresent(SignedInServices::close);
        signedIn = Optional.empty();
    }

    /** Signs out (from the tray), then shows the sign-in screen; says so when it did not finish. */
    void signOut() {
        signedIn.ifPresent(current -> parts.services().tasks().run(current.session()::signOut,
                revoked -> signIn(current.connection(), current.session()),
                failure -> parts.banner().show(new Notice("sign-out", Notice.Severity.ERROR,
                        "Signing out did not finish: " + Failures.describe(failure) + " Try again from Settings."))));
    }

    /** What runs for the person signed in; empty while nobody is. */
    Optional<SignedInServices> signedIn() {
        return signedIn;
    }

    /** The apps launched under the latest sign-in, running or ended. */
    List<RunningApp> launchedApps() {
        return launched;
    }

    /** The status line's words for the broker: "Demo broker (development mode) at …" or "Broker at …". */
    private static String brokerStatus(Connection connection) {
        return (connection.demo() ? "Demo broker (development mode) at " : "Broker at ") + connection.url();
    }

    private void openInBrowser(URI link) {
        try {
            openLink.accept(link);
        } catch (RuntimeException e) {
            // Some desktops have no way to open a browser: say where to go instead.
            parts.banner().show(new Notice("browser", Notice.Severity.INFO, "Could not open a browser here. Open "
                    + link + " in a browser yourself."));
        }
    }

    /** Quitting: the apps launched from here end (their credentials were handed out for this session). */
    @Override
    public void close() {
        launched.forEach(RunningApp::stop);
        stopSignedIn();
        session.ifPresent(Session::close);
        session = Optional.empty();
        opener.close();
    }
}
