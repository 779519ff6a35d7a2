package dev.latchkey.app;

import dev.latchkey.app.access.AccessBackend;
import dev.latchkey.app.access.AccessScreens;
import dev.latchkey.app.browser.BrowserBackend;
import dev.latchkey.app.browser.SecretsBrowserViewModel;
import dev.latchkey.app.common.ClipboardAccess;
import dev.latchkey.app.common.Connection;
import dev.latchkey.app.launcher.LauncherViewModel;
import dev.latchkey.app.launcher.ProfileStore;
import dev.latchkey.app.notify.DesktopNotifier;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.launch.BrokerSecretSource;
import dev.latchkey.core.launch.SecretSource;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;

/**
 * What runs for the person signed in, over one broker client: the secrets browser's model, the
 * launcher, and the access screens following the broker's events. {@link #start} starts them all
 * when a session signs in; {@link #close} stops what must not outlive it (a sign-out, a switch,
 * quitting). A service of the signed-in person starts in {@code start} and stops in {@code close}.
 * Running apps are the launcher's and end only with Latchkey.
 */
final class SignedInServices implements AutoCloseable {

    private final Connection connection;
    private final Session session;
    private final SecretsBrowserViewModel browser;
    private final LauncherViewModel launcher;
    private final AccessScreens access;
    private volatile boolean closed;

    private SignedInServices(Connection connection, Session session, SecretsBrowserViewModel browser,
                             LauncherViewModel launcher, AccessScreens access) {
        this.connection = connection;
        this.session = session;
        this.browser = browser;
        this.launcher = launcher;
        this.access = access;
    }

    /**
     * Starts the signed-in services of {@code session}.
     *
     * @param notifier where desktop notifications go at the time of each one
     * @param accessChanged told when grants, apps or the broker's reachability change (the tray redraws)
     */
    static SignedInServices start(AppParts parts, Connection connection, Session session,
                                  Supplier<DesktopNotifier> notifier, Runnable accessChanged) {
        AppServices services = parts.services();
        BrokerClient client = Latchkey.brokerClient(connection.url(), session.bearerToken());
        LeakGuard guard = parts.guard().get();
        SecretsBrowserViewModel browser = new SecretsBrowserViewModel(services.tasks(), services.scheduler(),
                BrowserBackend.over(client, guard), ClipboardAccess.system());
        // Core keeps minted sandbox tokens in the keychain, so a launch can start offline with them.
        SecretSource launches = session.keepingSandboxTokens(new BrokerSecretSource(client), notice -> { });
        LauncherViewModel launcher = new LauncherViewModel(services.tasks(), services.scheduler(),
                new ProfileStore(services.folders().config()), guard.recording(launches, connection.url(), notice -> { }),
                services.folders(), app -> accessChanged.run());
        AccessScreens access = new AccessScreens(services.tasks(), services.scheduler(), AccessBackend.over(client),
                browser, parts.window(), parts.banner(), parts.toasts(), notifier,
                d -> launcher.decided(d.requestId(), d.state()), accessChanged);
        SignedInServices started = new SignedInServices(connection, session, browser, launcher, access);

        // Each grant is watched on its own; warnings and ends go to the banner, the tray and notifications.
        browser.grants().addListener((ListChangeListener<Grant>) c -> {
            if (!started.closed) { // a signed-out session's late answer changes nothing
                parts.expiry().watchGrants(browser.grants());
                accessChanged.run();
            }
        });
        browser.load();
        launcher.load();
        // A revoked grant ends at once: its notice says who and why until dismissed, and the apps given
        // something under it react as their profiles say.
        access.onRevoked((grantId, scope, why) -> {
            parts.expiry().revoked(grantId, scope, why);
            launcher.grantRevoked(grantId, scope, why);
        });
        parts.expiry().onExtend(access::extend);
        access.start(Latchkey.events(client));
        return started;
    }

    Connection connection() {
        return connection;
    }

    Session session() {
        return session;
    }

    /** The secrets browser's model. */
    SecretsBrowserViewModel browser() {
        return browser;
    }

    /** The launcher and the apps it launched. */
    LauncherViewModel launcher() {
        return launcher;
    }

    /** Requests, approvals and the broker's events. */
    AccessScreens access() {
        return access;
    }

    @Override
    public void close() {
        closed = true;
        access.close();
    }
}
