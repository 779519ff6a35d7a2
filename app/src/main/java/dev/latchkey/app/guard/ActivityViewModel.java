package dev.latchkey.app.guard;

import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.guard.BlockedCommit;
import dev.latchkey.core.guard.Finding;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.launch.LaunchLog;
import dev.latchkey.core.launch.LaunchRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Activity: the launches (from the launch log the CLI shares) and the commits and pushes the
 * leak guard's hooks stopped, newest first. Both files hold names, references and places only,
 * so nothing here can show a value.
 */
public final class ActivityViewModel {

    /** How many entries are shown at most. */
    static final int LIMIT = 200;
    /** How many findings of one stopped commit are named; the rest are counted. */
    static final int FINDINGS_SHOWN = 5;

    /** What an entry is. */
    public enum Kind { LAUNCH, COMMIT_STOPPED, PUSH_STOPPED }

    /**
     * One entry as shown.
     *
     * @param title one line: what happened and where
     * @param details further lines (references found and where, exit code)
     */
    public record Item(Instant at, String when, Kind kind, String title, List<String> details) {
        public Item {
            details = List.copyOf(details);
        }
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final TaskRunner tasks;
    private final LeakGuard guard;
    private final LaunchLog launches;
    private final ZoneId zone;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public ActivityViewModel(TaskRunner tasks, LeakGuard guard, LaunchLog launches, ZoneId zone) {
        this.tasks = tasks;
        this.guard = guard;
        this.launches = launches;
        this.zone = zone;
    }

    /** Reads both records in the background. */
    public void load() {
        tasks.run(this::read, read -> {
            items.setAll(read);
            message.set(read.isEmpty() ? "Nothing yet: launches, and commits or pushes the leak guard stops, appear here." : "");
        }, failure -> message.set("The activity cannot be read: " + Failures.describe(failure)));
    }

    private List<Item> read() {
        List<Item> out = new ArrayList<>();
        for (BlockedCommit b : guard.blockedCommits()) {
            out.add(blocked(b));
        }
        for (LaunchRecord r : launches.read()) {
            out.add(launch(r));
        }
        out.sort(Comparator.comparing(Item::at).reversed());
        return List.copyOf(out.subList(0, Math.min(LIMIT, out.size())));
    }

    Item blocked(BlockedCommit b) {
        boolean push = "pre-push".equals(b.hook());
        Path repo = Path.of(b.repository());
        String name = repo.getFileName() == null ? b.repository() : repo.getFileName().toString();
        List<String> details = new ArrayList<>();
        details.add("Repository " + b.repository());
        List<Finding> findings = b.findings();
        for (Finding f : findings.subList(0, Math.min(FINDINGS_SHOWN, findings.size()))) {
            details.add(found(f));
        }
        if (findings.size() > FINDINGS_SHOWN) {
            details.add("and " + (findings.size() - FINDINGS_SHOWN) + " more");
        }
        int n = findings.size();
        String title = (push ? "Push" : "Commit") + " stopped in " + name + ": " + n + " secret" + (n == 1 ? "" : "s")
                + " found";
        return new Item(b.at(), WHEN.format(b.at().atZone(zone)), push ? Kind.PUSH_STOPPED : Kind.COMMIT_STOPPED, title,
                details);
    }

    private static String found(Finding f) {
        String what = f.kind() == Finding.Kind.KNOWN_VALUE ? f.name() : f.detail() + " (rule " + f.name() + ")";
        String where = f.path() + ", line " + f.line()
                + f.commit().map(c -> " of commit " + c.substring(0, Math.min(12, c.length()))).orElse("");
        return what + " in " + where + (f.kind() == Finding.Kind.KNOWN_VALUE ? " (" + f.detail() + ")" : "");
    }

    Item launch(LaunchRecord r) {
        List<String> details = new ArrayList<>();
        details.add(r.exitCode() == 0 ? "Exited normally" : "Exited with code " + r.exitCode());
        if (!r.refs().isEmpty()) {
            details.add("Secrets: " + String.join(", ", r.refs()));
        }
        if (!r.sandboxes().isEmpty()) {
            details.add("Sandbox tokens: " + String.join(", ", r.sandboxes()));
        }
        r.note().ifPresent(details::add);
        return new Item(r.started(), WHEN.format(r.started().atZone(zone)), Kind.LAUNCH, "Launched " + r.profile(), details);
    }

    public ObservableList<Item> items() {
        return items;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
