package dev.latchkey.app.access;

import dev.latchkey.app.browser.SecretsBrowserViewModel;
import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.Notice;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.app.common.Toasts;
import dev.latchkey.app.notify.DesktopNotifier;
import dev.latchkey.app.shell.MainWindow;
import dev.latchkey.app.shell.NavItem;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.Scope;
import dev.latchkey.core.events.BrokerEvent;
import dev.latchkey.core.events.EventStream;
import dev.latchkey.grammar.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import org.kordamp.ikonli.feather.Feather;

/**
 * The signed-in user's access screens: the request form, "My requests", the approvals inbox,
 * and the live updates that keep them, the browser's badges and the notifications current.
 * UI thread only.
 */
public final class AccessScreens implements AutoCloseable {

    /** What the app does when one of the user's grants is revoked. */
    @FunctionalInterface
    public interface Revocations {
        /**
         * @param why such as {@code revoked by grace: incident over}; names only
         */
        void revoked(String grantId, String scope, String why);
    }

    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final AccessBackend backend;
    private final SecretsBrowserViewModel browser;
    private final MainWindow window;
    private final BannerModel banner;
    private final Toasts toasts;
    private final Supplier<DesktopNotifier> notifier;
    private final Consumer<BrokerEvent.RequestDecided> onDecided;
    private final Runnable onAccessChanged;
    private final MyRequestsViewModel mine;
    private final ApprovalsViewModel approvals;
    private final MyRequestsView mineView;
    private final ApprovalsView approvalsView;
    private final Button requestsNav;
    private final Button approvalsNav;
    private final Node approvalsEntry;
    private EventStream events;
    private LiveUpdates live;
    private Optional<Instant> offlineSince = Optional.empty();
    private Revocations revocations;

    /**
     * @param banner the notice row: what lasts until dismissed (a revocation, live updates stopped)
     * @param toasts transient news (a decision, a request to review)
     * @param onDecided also told of each decision (the launcher launches what waited for it)
     * @param onAccessChanged told when grants changed or the broker was lost or found again (the tray redraws)
     */
    public AccessScreens(TaskRunner tasks, Scheduler scheduler, AccessBackend backend, SecretsBrowserViewModel browser,
                         MainWindow window, BannerModel banner, Toasts toasts, Supplier<DesktopNotifier> notifier,
                         Consumer<BrokerEvent.RequestDecided> onDecided, Runnable onAccessChanged) {
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.backend = backend;
        this.browser = browser;
        this.window = window;
        this.banner = banner;
        this.toasts = toasts;
        this.notifier = notifier;
        this.onDecided = onDecided;
        this.onAccessChanged = onAccessChanged;
        mine = new MyRequestsViewModel(tasks, backend);
        approvals = new ApprovalsViewModel(tasks, backend);
        mineView = new MyRequestsView(mine, scheduler.clock(), () -> openForm(selectedScope(), r -> { }));
        approvalsView = new ApprovalsView(approvals, scheduler.clock());
        requestsNav = NavItem.of("Re_quests", "nav-requests", Feather.SEND, this::showMine);
        approvalsNav = NavItem.of("A_pprovals", "nav-approvals", Feather.CHECK_SQUARE, this::showApprovals);
        approvalsNav.visibleProperty().bind(approvals.reviewerProperty());
        approvalsNav.managedProperty().bind(approvalsNav.visibleProperty());
        approvalsEntry = NavItem.withCount(approvalsNav, Bindings.size(approvals.pending()));
        revocations = (grantId, scope, why) -> {
            String text = "Your access to " + scope + " was " + why + ". Request it again if you still need it.";
            banner.show(new Notice("revoked:" + grantId, Notice.Severity.ERROR, text));
            notifier.get().show("Latchkey: access revoked", text, true);
        };
    }

    /** Replaces what a revocation does (by default: a banner notice and a desktop notification). */
    public void onRevoked(Revocations action) {
        revocations = action;
    }

    /** Reads both lists and starts following the broker's events. */
    public void start(EventStream events) {
        this.events = events;
        mine.refresh();
        approvals.refresh();
        follow();
    }

    /** Retry from the status bar: follow the events anew at once and read everything again. */
    private void retryNow() {
        if (live != null) {
            live.close();
        }
        follow();
        mine.refresh();
        approvals.refresh();
        browser.load();
    }

    private void follow() {
        live = LiveUpdates.start(events, tasks, new LiveUpdates.Reactions() {
            @Override
            public void decided(BrokerEvent.RequestDecided d) {
                AccessScreens.this.decided(d);
            }

            @Override
            public void created(BrokerEvent.RequestCreated c) {
                approvals.requestCreated();
                String text = c.requester() + " asks for " + c.scope() + " for " + Durations.format(c.duration()) + ".";
                toasts.show(new Toasts.Toast("review:" + c.requestId(), Notice.Severity.INFO, text));
                notifier.get().show("Latchkey: a request to review", text, false);
            }

            @Override
            public void grantChanged(BrokerEvent e) {
                if (e instanceof BrokerEvent.GrantRevoked r) {
                    String why = "revoked" + r.revokedBy().map(b -> " by " + b).orElse("")
                            + r.reason().map(x -> ": " + x).orElse("");
                    revocations.revoked(r.grantId(), r.scope(), why);
                }
                browser.refreshAccess();
                mine.refresh();
                onAccessChanged.run();
            }

            @Override
            public void connected() {
                banner.dismiss("live-updates");
                if (offlineSince.isPresent()) {
                    offlineSince = Optional.empty();
                    window.setOffline(Optional.empty(), () -> { });
                    browser.refreshAccess();
                    onAccessChanged.run(); // the tray leaves "offline"
                }
                mine.refresh();
                approvals.refresh();
            }

            @Override
            public void reconnecting(String why) {
                // Said once, in the status bar, for as long as it lasts: not a banner per dropped connection.
                boolean wasOnline = offlineSince.isEmpty();
                Instant since = offlineSince.orElseGet(() -> scheduler.clock().instant());
                offlineSince = Optional.of(since);
                window.setOffline(Optional.of(OfflineText.since(since, scheduler.clock().getZone())), () -> retryNow());
                if (wasOnline) {
                    onAccessChanged.run(); // the tray shows "offline"
                }
            }

            @Override
            public void stopped(String why) {
                banner.show(new Notice("live-updates", Notice.Severity.ERROR, "Live updates stopped: " + why
                        + " Sign in again to get decisions as they happen."));
            }
        });
    }

    private void decided(BrokerEvent.RequestDecided d) {
        String by = d.decidedBy().map(b -> b.startsWith("policy:") ? " by " + b.substring(7) : " by " + b).orElse("");
        String text = "Your request for " + d.scope() + " was " + d.state().wire() + by
                + d.reason().filter(r -> !r.isBlank()).map(r -> ": " + r).orElse("") + ".";
        boolean approved = d.state() == AccessRequest.State.APPROVED;
        toasts.show(new Toasts.Toast("decision:" + d.requestId(), approved ? Notice.Severity.INFO : Notice.Severity.WARNING,
                text));
        notifier.get().show("Latchkey: request " + d.state().wire(), text, !approved);
        mine.refresh();
        browser.refreshAccess();
        onDecided.accept(d);
        onAccessChanged.run();
    }

    /** Whether the broker cannot be reached now (live updates keep trying). */
    public boolean offline() {
        return offlineSince.isPresent();
    }

    /** Shows "My requests". */
    public void showMine() {
        mine.refresh();
        window.show(mineView);
    }

    /** Shows "My requests" with the request of grant {@code grantId} selected, ready for "Extend". */
    public void extend(String grantId) {
        mine.prepareExtension(grantId);
        window.show(mineView);
    }

    /** Shows "My requests" with the request of grant {@code grantId} selected (from the Activity page). */
    public void showGrant(String grantId) {
        mine.selectGrant(grantId);
        window.show(mineView);
    }

    /** Shows the approvals inbox. */
    public void showApprovals() {
        approvals.refresh();
        window.show(approvalsView);
    }

    /** The scope selected in the browser, if any. */
    public String selectedScope() {
        Scope s = browser.selectedScopeProperty().get();
        return s == null ? "" : s.name();
    }

    /**
     * Opens the request form with {@code scope} preselected; after a submit, "My requests" shows
     * the new request and {@code after} is told about it.
     */
    public void openForm(String scope, Consumer<AccessRequest> after) {
        openForm(scope, List.of(), after);
    }

    /** Opens the request form for {@code scope} with {@code secrets} ticked (none: the whole scope). */
    public void openForm(String scope, List<String> secrets, Consumer<AccessRequest> after) {
        Map<String, Optional<Duration>> requestable = new LinkedHashMap<>();
        for (Scope s : browser.scopes()) {
            if (s.access() == Scope.Access.REQUESTABLE || s.access() == Scope.Access.GRANTED) {
                requestable.put(s.name(), s.maxDuration());
            }
        }
        if (!scope.isBlank() && !requestable.containsKey(scope)) {
            browser.scope(scope).ifPresent(s -> requestable.put(s.name(), s.maxDuration()));
        }
        RequestFormViewModel form = new RequestFormViewModel(tasks, scheduler, backend, requestable, browser::secretNames,
                r -> {
                    mine.filed(r);
                    if (r.state() == AccessRequest.State.APPROVED) {
                        browser.refreshAccess();
                        onAccessChanged.run();
                    }
                    window.show(mineView);
                    after.accept(r);
                });
        if (!scope.isBlank()) {
            form.preselect(scope);
            form.chosenSecrets().setAll(secrets.stream().filter(form.secretChoices()::contains).toList());
        }
        window.show(new RequestFormView(form, this::showMine));
    }

    /** The navigation buttons: My requests always, Approvals once the broker shows this user something to review. */
    public Button requestsNav() {
        return requestsNav;
    }

    /** The Approvals entry with its count of pending requests; shown only to reviewers. */
    public Node approvalsNav() {
        return approvalsEntry;
    }

    public MyRequestsViewModel mine() {
        return mine;
    }

    public ApprovalsViewModel approvals() {
        return approvals;
    }

    @Override
    public void close() {
        if (live != null) {
            live.close();
        }
    }
}
