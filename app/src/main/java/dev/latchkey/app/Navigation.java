package dev.latchkey.app;

import dev.latchkey.app.access.AccessScreens;
import dev.latchkey.app.activity.ActivityView;
import dev.latchkey.app.activity.ActivityViewModel;
import dev.latchkey.app.browser.SecretsBrowserView;
import dev.latchkey.app.browser.SecretsBrowserViewModel;
import dev.latchkey.app.common.Shortcuts;
import dev.latchkey.app.agent.AgentSection;
import dev.latchkey.app.guard.GuardSection;
import dev.latchkey.app.guard.GuardedRepositoriesViewModel;
import dev.latchkey.app.guard.HookCommand;
import dev.latchkey.app.launcher.LauncherView;
import dev.latchkey.app.launcher.LauncherViewModel;
import dev.latchkey.app.launcher.ProfileEditorView;
import dev.latchkey.app.launcher.ProfileEditorViewModel;
import dev.latchkey.app.launcher.ProfileEntry;
import dev.latchkey.app.settings.ConfirmScopesSection;
import dev.latchkey.app.settings.ConfirmScopesViewModel;
import dev.latchkey.app.settings.SettingsView;
import dev.latchkey.app.settings.SettingsViewModel;
import dev.latchkey.app.shell.MainWindow;
import dev.latchkey.app.shell.NavItem;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import dev.latchkey.core.brokerapi.BrokerClient;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.stage.FileChooser;
import java.util.concurrent.atomic.AtomicReference;
import org.kordamp.ikonli.feather.Feather;

/**
 * The signed-in pages and the ways between them: the sidebar (Secrets, Launcher, Requests,
 * Approvals, Activity, Settings), the global shortcuts, and the pages opened from others (the
 * profile editor from the launcher, the request form from the browser).
 */
final class Navigation {

    private final AppParts parts;
    private final MainWindow window;
    /** Where an activity export goes: a save dialog (tests answer it themselves). */
    private Supplier<Optional<Path>> exportTo = this::askWhereToExport;

    Navigation(AppParts parts) {
        this.parts = parts;
        this.window = parts.window();
    }

    /** Answers "Export…" on the Activity page with {@code where} instead of a save dialog. */
    void exportTo(Supplier<Optional<Path>> where) {
        exportTo = where;
    }

    /**
     * Shows the secrets browser of {@code signedIn} and offers its other pages.
     *
     * @param signedOut run once Settings has signed the session out
     */
    void signedIn(SignedInServices signedIn, Runnable signedOut) {
        SecretsBrowserViewModel browser = signedIn.browser();
        LauncherViewModel launcher = signedIn.launcher();
        AccessScreens access = signedIn.access();
        SecretsBrowserView browserView = new SecretsBrowserView(browser, parts.services().scheduler().clock().getZone());
        window.show(browserView, browserView.shortcuts());
        Runnable showSecrets = () -> window.show(browserView, browserView.shortcuts());

        AtomicReference<LauncherView> launcherView = new AtomicReference<>();
        Runnable showLauncher = () -> window.show(launcherView.get());
        launcherView.set(new LauncherView(launcher, entry -> editProfile(launcher, entry, browser, showLauncher),
                (profile, need) -> access.openForm(need.scope(), need.secrets(), r -> {
                    showLauncher.run();
                    launcher.launchWhenApproved(profile, r);
                })));
        launcherView.get().onExtend(access::extend);
        // The browser's "Request access to payments/prod…" opens the form with that scope and secret.
        browserView.onRequestAccess(need -> access.openForm(need.scope(), need.secrets(), r -> { }));

        Runnable showSettings = () -> showSettings(signedIn, signedOut);
        window.setNavigation(
                NavItem.of("_Secrets", "nav-secrets", Feather.KEY, showSecrets),
                NavItem.of("La_uncher", "nav-launcher", Feather.PLAY_CIRCLE, showLauncher),
                access.requestsNav(), access.approvalsNav(),
                NavItem.of("Acti_vity", "nav-activity", Feather.ACTIVITY, () -> showActivity(access)),
                NavItem.of("Se_ttings", "nav-settings", Feather.SETTINGS, showSettings));
        window.shortcuts().global(Shortcuts.SETTINGS, showSettings);
        // Ctrl/Cmd+R from anywhere: the request form for the scope selected in the browser.
        window.shortcuts().global(Shortcuts.REQUEST, () -> access.openForm(access.selectedScope(), r -> { }));
        // Ctrl/Cmd+L from anywhere: show the launcher and launch what is selected there.
        window.shortcuts().global(Shortcuts.LAUNCH, () -> {
            showLauncher.run();
            launcher.launchSelected();
        });
    }

    /** Nobody is signed in: no pages to go to. */
    void signedOut() {
        window.setNavigation();
    }

    private void showSettings(SignedInServices signedIn, Runnable signedOut) {
        Session session = signedIn.session();
        SettingsViewModel model = new SettingsViewModel(parts.services().tasks(), signedIn.connection().url(),
                session.storageMode(), window.theme(), parts.expiry().thresholds(), window::setTheme,
                parts.expiry()::setThresholds, session::signOut, signedOut);
        GuardedRepositoriesViewModel repositories = new GuardedRepositoriesViewModel(parts.services().tasks(),
                parts.guard().get(), HookCommand.find());
        repositories.load();
        BrokerClient broker = Latchkey.brokerClient(signedIn.connection().url(), session.bearerToken());
        ConfirmScopesViewModel confirm = new ConfirmScopesViewModel(parts.services().tasks(), broker::scopes,
                parts.services().folders().config(), parts.services().folders().home());
        confirm.load();
        window.show(new SettingsView(model, new GuardSection(repositories).root(), new AgentSection(parts.agent()).root(),
                new ConfirmScopesSection(confirm).root()));
    }

    private void showActivity(AccessScreens access) {
        ActivityViewModel model = new ActivityViewModel(parts.services().tasks(), parts.guard().get(),
                parts.services().folders().launchLog(), parts.services().scheduler().clock().getZone());
        model.onShowGrant(access::showGrant);
        model.load();
        window.show(new ActivityView(model, () -> exportTo.get()));
    }

    private Optional<Path> askWhereToExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export activity");
        chooser.setInitialFileName(ActivityViewModel.exportName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl"));
        return Optional.ofNullable(chooser.showSaveDialog(window.stage())).map(File::toPath);
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
}
