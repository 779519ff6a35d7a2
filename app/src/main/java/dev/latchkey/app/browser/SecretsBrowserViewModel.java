package dev.latchkey.app.browser;

import dev.latchkey.app.common.ClipboardAccess;
import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.Scope;
import dev.latchkey.core.brokerapi.SecretMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The secrets browser: scopes with the caller's access, the selected scope's secrets, a filter
 * across every visible scope, and reveal / copy with their timers. UI thread only; all broker
 * calls go through the {@link TaskRunner}.
 *
 * <p>A value lives only in {@link #revealedValueProperty()} while shown (10 s) and on the
 * clipboard after a copy (30 s, cleared only if the clipboard still holds it). Values are asked
 * for only when standing access or a grant that covers that very secret allows it now
 * ({@link SecretAccess}).
 */
public final class SecretsBrowserViewModel {

    /** How long a revealed value stays on screen. */
    public static final Duration REVEAL_FOR = Duration.ofSeconds(10);
    /** How long a copied value stays on the clipboard. */
    public static final Duration CLIPBOARD_FOR = Duration.ofSeconds(30);

    /** Where loading stands. */
    public sealed interface Load {
        record Loading() implements Load {
        }

        record Loaded(int scopes, int secrets) implements Load {
        }

        record Failed(String why) implements Load {
        }
    }

    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final BrowserBackend backend;
    private final ClipboardAccess clipboard;

    private final ObservableList<Scope> scopes = FXCollections.observableArrayList();
    private final ObservableList<Grant> grants = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<SecretAccess> selectedAccess = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper accessVersion = new ReadOnlyIntegerWrapper();
    // Swapped whole on each filter change: a new list costs the table nothing, while replacing
    // 50,000 rows inside one list costs a change event that copies them all.
    private final ReadOnlyObjectWrapper<ObservableList<SecretRow>> rows =
            new ReadOnlyObjectWrapper<>(FXCollections.observableArrayList());
    private final ObjectProperty<Scope> selectedScope = new SimpleObjectProperty<>();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<SecretRow> selectedRow = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Load> load = new ReadOnlyObjectWrapper<>(new Load.Loading());
    private final ReadOnlyObjectWrapper<SecretRow> revealedRow = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper revealedValue = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper approvers = new ReadOnlyStringWrapper("");
    private final Map<String, String> approversByScope = new HashMap<>();
    private List<SecretRow> all = List.of();
    private String lastFilter = "";
    private List<SecretRow> lastMatches = List.of();
    private Scheduler.Cancellable hideReveal = () -> { };
    private Scheduler.Cancellable clearClipboard = () -> { };

    public SecretsBrowserViewModel(TaskRunner tasks, Scheduler scheduler, BrowserBackend backend, ClipboardAccess clipboard) {
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.backend = backend;
        this.clipboard = clipboard;
        selectedScope.addListener((obs, old, now) -> refilter());
        filter.addListener((obs, old, now) -> refilter());
        selectedRow.addListener((obs, old, now) -> {
            selectedAccess.set(now == null ? null : access(now));
            if (old != null && !old.equals(now) && revealedRow.get() != null) {
                hide(); // a value stays with its own secret: another selection hides it
            }
            askApprovers(now);
        });
    }

    /** Loads every visible scope and the metadata of its secrets (never values), in the background. */
    public void load() {
        load.set(new Load.Loading());
        tasks.run(() -> {
            List<Scope> visible = backend.scopes().stream().sorted(Comparator.comparing(Scope::name)).toList();
            List<SecretRow> found = new ArrayList<>();
            for (Scope s : visible) {
                for (SecretMeta m : backend.secrets(s.name())) {
                    found.add(SecretRow.of(s, m));
                }
            }
            return new Loaded(visible, found, backend.grants());
        }, loaded -> {
            all = loaded.rows();
            lastFilter = "";
            grants.setAll(loaded.grants());
            scopes.setAll(loaded.scopes());
            load.set(new Load.Loaded(loaded.scopes().size(), loaded.rows().size()));
            if (selectedScope.get() == null || !loaded.scopes().contains(selectedScope.get())) {
                selectedScope.set(loaded.scopes().stream().filter(s -> s.access() == Scope.Access.STANDING)
                        .findFirst().orElse(loaded.scopes().isEmpty() ? null : loaded.scopes().getFirst()));
            }
            refilter();
            accessChanged();
        }, failure -> load.set(new Load.Failed(Failures.describe(failure)
                + " Check your connection, then press Retry.")));
    }

    private record Loaded(List<Scope> scopes, List<SecretRow> rows, List<Grant> grants) {
    }

    /**
     * Reads the caller's access to each scope again (after a decision, a grant's start or end)
     * and redraws the badges, without reloading every secret's metadata.
     */
    public void refreshAccess() {
        List<SecretRow> rowsNow = all;
        tasks.run(() -> {
            List<Scope> visible = backend.scopes().stream().sorted(Comparator.comparing(Scope::name)).toList();
            Map<String, Scope> byName = new HashMap<>();
            visible.forEach(s -> byName.put(s.name(), s));
            List<SecretRow> updated = new ArrayList<>(rowsNow.size());
            for (SecretRow r : rowsNow) {
                Scope now = byName.get(r.scope().name());
                if (now != null) {
                    updated.add(new SecretRow(now, r.meta(), r.ref(), r.searchText()));
                }
            }
            return new Loaded(visible, updated, backend.grants());
        }, loaded -> {
            if (all != rowsNow) {
                return; // a full load happened meanwhile and is newer
            }
            String selected = selectedScope.get() == null ? null : selectedScope.get().name();
            all = loaded.rows();
            lastFilter = "";
            grants.setAll(loaded.grants());
            scopes.setAll(loaded.scopes());
            loaded.scopes().stream().filter(s -> s.name().equals(selected)).findFirst().ifPresent(selectedScope::set);
            refilter();
            accessChanged();
        }, failure -> message.set("Could not refresh your access: " + Failures.describe(failure)));
    }

    /** The names of {@code scope}'s secrets, from what was loaded (no broker call). */
    public List<String> secretNames(String scope) {
        return all.stream().filter(r -> r.scope().name().equals(scope)).map(r -> r.meta().name()).toList();
    }

    /**
     * Shows the rows that match: with an empty filter, the selected scope's secrets; otherwise
     * every visible scope's secrets whose scope, name or description contains the filter text.
     */
    private void refilter() {
        String f = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        Scope scope = selectedScope.get();
        // Typing usually appends: then only what matched the shorter text can match the longer one.
        List<SecretRow> candidates = !f.isEmpty() && !lastFilter.isEmpty() && f.startsWith(lastFilter) ? lastMatches : all;
        List<SecretRow> shown = new ArrayList<>();
        for (SecretRow r : candidates) {
            if (f.isEmpty() ? scope != null && r.scope().name().equals(scope.name()) : r.searchText().contains(f)) {
                shown.add(r);
            }
        }
        boolean unchanged = candidates == lastMatches && shown.size() == candidates.size() && !f.isEmpty();
        lastFilter = f;
        lastMatches = shown;
        if (!unchanged) { // re-setting 50,000 equal rows would cost a frame for nothing
            rows.set(FXCollections.observableList(shown));
        }
    }

    /** Asks once per scope who would approve a request, for the detail pane; standing scopes need nobody. */
    private void askApprovers(SecretRow row) {
        if (row == null || row.scope().access() == Scope.Access.STANDING) {
            approvers.set("");
            return;
        }
        String scope = row.scope().name();
        String known = approversByScope.get(scope);
        if (known != null) {
            approvers.set(known);
            return;
        }
        approvers.set("asking the broker …");
        tasks.run(() -> backend.approvers(scope, row.meta().name()), who -> {
            approversByScope.put(scope, who);
            if (selectedRow.get() == row) {
                approvers.set(who);
            }
        }, failure -> {
            if (selectedRow.get() == row) {
                approvers.set("unknown: " + Failures.describe(failure));
            }
        });
    }

    /** Who would decide a request for the selected secret ("payments-leads"); empty for standing access. */
    public ReadOnlyStringProperty approversProperty() {
        return approvers.getReadOnlyProperty();
    }

    /** Reveals {@code row}'s value for {@link #REVEAL_FOR}; refused at once for scopes without access. */
    public void reveal(SecretRow row) {
        if (!readable(row)) {
            return;
        }
        message.set("Fetching " + row.ref() + " …");
        tasks.run(() -> backend.value(row.ref()), value -> {
            hideReveal.cancel();
            revealedRow.set(row);
            revealedValue.set(value);
            message.set("Showing " + row.ref() + " for " + REVEAL_FOR.toSeconds() + " s.");
            hideReveal = scheduler.after(REVEAL_FOR, this::hide);
        }, failure -> message.set(Failures.describe(failure)));
    }

    /** Hides a revealed value now. */
    public void hide() {
        hideReveal.cancel();
        revealedValue.set("");
        revealedRow.set(null);
        message.set("");
    }

    /** Copies {@code row}'s value; the clipboard is cleared after {@link #CLIPBOARD_FOR} if it still holds it. */
    public void copyValue(SecretRow row) {
        if (!readable(row)) {
            return;
        }
        tasks.run(() -> backend.value(row.ref()), value -> {
            clearClipboard.cancel();
            clipboard.put(value);
            message.set("Copied the value of " + row.ref() + "; the clipboard is cleared in "
                    + CLIPBOARD_FOR.toSeconds() + " s.");
            clearClipboard = scheduler.after(CLIPBOARD_FOR, () -> {
                // Something the user copied since is theirs: leave it alone.
                if (clipboard.text().filter(value::equals).isPresent()) {
                    clipboard.clear();
                    message.set("Cleared the clipboard.");
                }
            });
        }, failure -> message.set(Failures.describe(failure)));
    }

    /** Copies {@code row}'s reference ({@code latchkey://team/env/name}), for templates; no value involved. */
    public void copyReference(SecretRow row) {
        clipboard.put(row.ref().toString());
        message.set("Copied " + row.ref() + ".");
    }

    private boolean readable(SecretRow row) {
        SecretAccess access = access(row);
        if (!access.readable()) {
            message.set(access.whyNot());
        }
        return access.readable();
    }

    /** The caller's access to {@code row}'s secret now, by the grants that cover it. */
    public SecretAccess access(SecretRow row) {
        return SecretAccess.of(row.scope(), row.meta().name(), grants, now());
    }

    /** Now, on the app's clock. */
    public Instant now() {
        return scheduler.clock().instant();
    }

    /**
     * Access may have changed without a reload (a grant reached its end or start on the expiry
     * clock): decides the selected secret's access again and tells the view to redraw.
     */
    public void accessChanged() {
        SecretRow row = selectedRow.get();
        selectedAccess.set(row == null ? null : access(row));
        accessVersion.set(accessVersion.get() + 1);
    }

    /** The access to the selected secret; null while none is selected. Reveal and Copy value follow it. */
    public ReadOnlyObjectProperty<SecretAccess> selectedAccessProperty() {
        return selectedAccess.getReadOnlyProperty();
    }

    /** Goes up each time access may have changed, so the view redraws what shows it. */
    public ReadOnlyIntegerProperty accessVersionProperty() {
        return accessVersion.getReadOnlyProperty();
    }

    /** The caller's active and scheduled grants, as last read from the broker. */
    public ObservableList<Grant> grants() {
        return grants;
    }

    public ObservableList<Scope> scopes() {
        return scopes;
    }

    /** The rows the table shows now. */
    public ObservableList<SecretRow> rows() {
        return rows.get();
    }

    /** The rows the table shows; a new list after each filter or scope change. */
    public ReadOnlyObjectProperty<ObservableList<SecretRow>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public ObjectProperty<Scope> selectedScopeProperty() {
        return selectedScope;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyObjectProperty<Load> loadProperty() {
        return load.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SecretRow> revealedRowProperty() {
        return revealedRow.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty revealedValueProperty() {
        return revealedValue.getReadOnlyProperty();
    }

    /** What just happened, or why it did not. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Every loaded secret's reference, whatever the filter: the launcher offers them for variables. */
    public List<String> allRefs() {
        return all.stream().map(r -> r.ref().toString()).toList();
    }

    /** The row selected in the table, if the view reports one (for the launcher's "use this secret"). */
    public Optional<SecretRow> selectedRow() {
        return Optional.ofNullable(selectedRow.get());
    }

    /** The table's selection, set by the view. */
    public ObjectProperty<SecretRow> selectedRowProperty() {
        return selectedRow;
    }

    /**
     * Whether a request could widen the caller's access to {@code scope}: it is requestable, or
     * granted only for some of its secrets.
     */
    public boolean requestable(Scope scope) {
        if (scope == null) {
            return false;
        }
        return switch (scope.access()) {
            case REQUESTABLE -> true;
            case GRANTED -> grants.stream().noneMatch(g -> g.scope().equals(scope.name()) && g.activeAt(now())
                    && g.secrets().isEmpty());
            case STANDING, NONE -> false;
        };
    }

    /** The active grant that gives the selected access, if a grant does. */
    public Optional<Grant> coveringGrant(SecretRow row) {
        return access(row) instanceof SecretAccess.Granted g ? Optional.of(g.grant()) : Optional.empty();
    }

    /** The scope's row count, for the tree. */
    public Optional<Scope> scope(String name) {
        return scopes.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
