package dev.latchkey.app.activity;

import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.guard.BlockedCommit;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.launch.AgentRead;
import dev.latchkey.core.launch.EndpointRead;
import dev.latchkey.core.launch.LaunchLog;
import dev.latchkey.core.launch.LaunchRecord;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Activity: every read through the local agent (which process, which references, what was decided,
 * which grant), every launch, and the commits and pushes the leak guard stopped, newest first.
 * Filterable by text and decision, exportable as JSON lines. The records hold names and
 * references only, so nothing here can show or export a value.
 */
public final class ActivityViewModel {

    /** How many entries are shown at most. */
    static final int LIMIT = 500;

    /** What the page shows. */
    public enum State { LOADING, EMPTY, ERROR, LOADED }

    static final String EMPTY_TEXT = "No activity yet — commands run through the Latchkey agent and launches from the "
            + "app appear here.";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.ENGLISH);

    private final TaskRunner tasks;
    private final LeakGuard guard;
    private final LaunchLog log;
    private final ZoneId zone;
    private final ObservableList<ActivityRow> all = FXCollections.observableArrayList();
    private final FilteredList<ActivityRow> shown = new FilteredList<>(all, r -> true);
    private final StringProperty filterText = new SimpleStringProperty("");
    /** Null shows every decision. */
    private final ObjectProperty<ActivityRow.Decision> decisionFilter = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper exported = new ReadOnlyStringWrapper("");
    private Consumer<String> showGrant = id -> { };

    public ActivityViewModel(TaskRunner tasks, LeakGuard guard, LaunchLog log, ZoneId zone) {
        this.tasks = tasks;
        this.guard = guard;
        this.log = log;
        this.zone = zone;
        filterText.addListener((o, was, now) -> refilter());
        decisionFilter.addListener((o, was, now) -> refilter());
    }

    /** Reads the records in the background. */
    public void load() {
        state.set(State.LOADING);
        message.set("Reading the activity records…");
        tasks.run(this::read, read -> {
            all.setAll(read);
            state.set(read.isEmpty() ? State.EMPTY : State.LOADED);
            message.set(read.isEmpty() ? EMPTY_TEXT : "");
            refilter();
        }, failure -> {
            all.clear();
            state.set(State.ERROR);
            message.set("The activity cannot be read: " + Failures.describe(failure) + " Press Refresh to try again.");
        });
    }

    private List<ActivityRow> read() {
        List<ActivityRow> out = new ArrayList<>();
        for (AgentRead r : log.agentReads()) {
            out.add(ActivityRows.read(r));
        }
        for (LaunchRecord r : log.read()) {
            out.add(ActivityRows.launch(r));
        }
        for (EndpointRead r : log.endpointReads()) {
            out.add(ActivityRows.endpointRead(r));
        }
        if (guard != null) {
            for (BlockedCommit b : guard.blockedCommits()) {
                out.add(ActivityRows.blocked(b));
            }
        }
        out.sort(Comparator.comparing(ActivityRow::at).reversed());
        return List.copyOf(out.subList(0, Math.min(LIMIT, out.size())));
    }

    private void refilter() {
        String text = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        ActivityRow.Decision decision = decisionFilter.get();
        shown.setPredicate(r -> (decision == null || r.decision() == decision)
                && (text.isEmpty() || r.searchText().contains(text)));
        if (state.get() == State.LOADED) {
            message.set(shown.isEmpty() ? "Nothing matches the filter. Clear it to see all " + all.size() + " entries." : "");
        }
    }

    /** Writes the entries shown (as filtered) to {@code file} as JSON lines, in the background. */
    public void export(Path file) {
        List<ActivityRow> rows = List.copyOf(shown);
        tasks.run(() -> {
            ActivityExport.write(rows, file);
            return rows.size();
        }, n -> exported.set("Exported " + n + (n == 1 ? " entry" : " entries") + " to " + file.getFileName() + "."),
                failure -> exported.set("The export failed: " + Failures.describe(failure)));
    }

    /** When a row's grant is followed: shows that grant's request in the app. */
    public void onShowGrant(Consumer<String> action) {
        showGrant = action;
    }

    public void showGrant(String grantId) {
        showGrant.accept(grantId);
    }

    /** "14 Mar 2026, 09:30:05" in the user's zone. */
    public String when(ActivityRow row) {
        return WHEN.format(row.at().atZone(zone));
    }

    /** The entries as filtered, newest first. */
    public ObservableList<ActivityRow> rows() {
        return shown;
    }

    /** Every entry read, unfiltered. */
    public List<ActivityRow> allRows() {
        return List.copyOf(all);
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<ActivityRow.Decision> decisionFilterProperty() {
        return decisionFilter;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What the list says when it shows no row (loading, empty, error, nothing matches); empty otherwise. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The last export's outcome. */
    public ReadOnlyStringProperty exportedProperty() {
        return exported.getReadOnlyProperty();
    }

    /** A sensible file name for an export. */
    public static String exportName() {
        return "latchkey-activity.jsonl";
    }
}
