package dev.latchkey.app.browser;

import dev.latchkey.app.common.ClipboardAccess;
import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * across every visible scope ({@link RowFilter}), and reveal / copy with their timers
 * ({@link RevealAndCopy}). UI thread only; all broker calls go through the {@link TaskRunner}.
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
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final RowFilter rowFilter = new RowFilter();
    private final Approvers approvers;
    private final RevealAndCopy values;

    public SecretsBrowserViewModel(TaskRunner tasks, Scheduler scheduler, BrowserBackend backend, ClipboardAccess clipboard) {
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.backend = backend;
        this.approvers = new Approvers(tasks, backend, selectedRow::get);
        this.values = new RevealAndCopy(tasks, scheduler, backend, clipboard, message);
        selectedScope.addListener((obs, old, now) -> refilter());
        filter.addListener((obs, old, now) -> refilter());
        selectedRow.addListener((obs, old, now) -> {
            selectedAccess.set(now == null ? null : access(now));
            if (old != null && !old.equals(now) && values.revealedRowProperty().get() != null) {
                hide(); // a value stays with its own secret: another selection hides it
            }
            approvers.ask(now);
        });
    }

    /** Loads every visible scope and the metadata of its secrets (never values), in the background. */
    public void load() {
        load.set(new Load.Loading());
        tasks.run(() -> Catalog.read(backend), loaded -> {
            take(loaded);
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

    private void take(Catalog loaded) {
        rowFilter.reset(loaded.rows());
        grants.setAll(loaded.grants());
        scopes.setAll(loaded.scopes());
    }

    /**
     * Reads the caller's access to each scope again (after a decision, a grant's start or end)
     * and redraws the badges, without reloading every secret's metadata.
     */
    public void refreshAccess() {
        List<SecretRow> rowsNow = rowFilter.all();
        tasks.run(() -> Catalog.reaccess(backend, rowsNow), loaded -> {
            if (rowFilter.all() != rowsNow) {
                return; // a full load happened meanwhile and is newer
            }
            String selected = selectedScope.get() == null ? null : selectedScope.get().name();
            take(loaded);
            loaded.scopes().stream().filter(s -> s.name().equals(selected)).findFirst().ifPresent(selectedScope::set);
            refilter();
            accessChanged();
        }, failure -> message.set("Could not refresh your access: " + Failures.describe(failure)));
    }

    /** The names of {@code scope}'s secrets, from what was loaded (no broker call). */
    public List<String> secretNames(String scope) {
        return rowFilter.all().stream().filter(r -> r.scope().name().equals(scope)).map(r -> r.meta().name()).toList();
    }

    /**
     * Shows the rows that match: with an empty filter, the selected scope's secrets; otherwise
     * every visible scope's secrets whose scope, name or description contains the filter text.
     */
    private void refilter() {
        rowFilter.match(filter.get(), selectedScope.get()).ifPresent(shown -> rows.set(FXCollections.observableList(shown)));
    }

    /** Who would decide a request for the selected secret ("payments-leads"); empty for standing access. */
    public ReadOnlyStringProperty approversProperty() {
        return approvers.property();
    }

    /** Reveals {@code row}'s value for {@link #REVEAL_FOR}; refused at once for scopes without access. */
    public void reveal(SecretRow row) {
        if (readable(row)) {
            values.reveal(row);
        }
    }

    /** Hides a revealed value now. */
    public void hide() {
        values.hide();
    }

    /** Copies {@code row}'s value; the clipboard is cleared after {@link #CLIPBOARD_FOR} if it still holds it. */
    public void copyValue(SecretRow row) {
        if (readable(row)) {
            values.copyValue(row);
        }
    }

    /** Copies {@code row}'s reference ({@code latchkey://team/env/name}), for templates; no value involved. */
    public void copyReference(SecretRow row) {
        values.copyReference(row);
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
        return values.revealedRowProperty();
    }

    public ReadOnlyStringProperty revealedValueProperty() {
        return values.revealedValueProperty();
    }

    /** What just happened, or why it did not. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Every loaded secret's reference, whatever the filter: the launcher offers them for variables. */
    public List<String> allRefs() {
        return rowFilter.all().stream().map(r -> r.ref().toString()).toList();
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
