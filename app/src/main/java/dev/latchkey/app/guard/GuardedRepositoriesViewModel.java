package dev.latchkey.app.guard;

import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.guard.GuardException;
import dev.latchkey.core.guard.GuardedRepository;
import dev.latchkey.core.guard.LeakGuard;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The leak guard's part of Settings: the repositories its git hooks are installed in, and
 * installing them in a folder the user picks. Git runs in the background through the
 * {@link TaskRunner}; everything else happens on the UI thread.
 */
public final class GuardedRepositoriesViewModel {

    /** One guarded repository as shown: its folder and, in words, the state of its hooks. */
    public record Row(Path folder, String state) {
    }

    private final TaskRunner tasks;
    private final LeakGuard guard;
    private final String command;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringProperty folder = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    /** @param command how the hooks start the CLI ({@link HookCommand#find()}) */
    public GuardedRepositoriesViewModel(TaskRunner tasks, LeakGuard guard, String command) {
        this.tasks = tasks;
        this.guard = guard;
        this.command = command;
    }

    /** Reads the guarded repositories (and the state of each one's hooks) in the background. */
    public void load() {
        tasks.run(guard::repositories, list -> rows.setAll(list.stream().map(GuardedRepositoriesViewModel::row).toList()),
                failure -> say(true, "The guarded repositories cannot be read: " + Failures.describe(failure)));
    }

    /** Installs the hooks in the folder typed or chosen ({@link #folderProperty()}). */
    public void install() {
        String typed = folder.get() == null ? "" : folder.get().strip();
        if (typed.isEmpty()) {
            say(true, "Choose a repository's folder first.");
            return;
        }
        Path target;
        try {
            target = Path.of(typed).toAbsolutePath();
        } catch (InvalidPathException e) {
            say(true, "\"" + typed + "\" is not a folder name here. Choose the folder with Browse.");
            return;
        }
        busy.set(true);
        say(false, "Installing the guard in " + target + " …");
        tasks.run(() -> guard.install(target, command), r -> {
            busy.set(false);
            say(false, installed(r));
            load();
        }, failure -> {
            busy.set(false);
            say(true, describe(failure));
        });
    }

    /** Removes the hooks from {@code row}'s repository, putting back any hook they chained. */
    public void uninstall(Row row) {
        busy.set(true);
        tasks.run(() -> guard.uninstall(row.folder()), r -> {
            busy.set(false);
            say(false, "Removed the guard from " + r.folder() + "; any hook of your own it ran first is back in place.");
            load();
        }, failure -> {
            busy.set(false);
            say(true, describe(failure));
        });
    }

    static String installed(GuardedRepository r) {
        String text = "Installed the guard in " + r.folder() + ": commits and pushes there are checked from now on.";
        if (!r.chained().isEmpty()) {
            text += " Your existing " + String.join(" and ", r.chained()) + " hook" + (r.chained().size() == 1 ? " is" : "s are")
                    + " kept and run" + (r.chained().size() == 1 ? "s" : "") + " first.";
        }
        return text;
    }

    static Row row(GuardedRepository r) {
        String state;
        if (!r.installed()) {
            state = "Hooks removed since: this repository is not guarded. Install again to guard it.";
        } else {
            state = "Commits and pushes are checked.";
            if (!r.chained().isEmpty()) {
                state += " Your own " + String.join(" and ", r.chained()) + " hook runs first.";
            }
            if (!r.hooks().equals(r.folder().resolve(".git").resolve("hooks"))) {
                state += " Hooks in " + r.hooks() + ".";
            }
        }
        return new Row(r.folder(), state);
    }

    private static String describe(Exception failure) {
        if (failure instanceof GuardException g) {
            return sentence(g.getMessage()) + " " + sentence(g.hint());
        }
        return Failures.describe(failure);
    }

    private static String sentence(String s) {
        String t = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }

    private void say(boolean failure, String text) {
        failed.set(failure);
        message.set(text);
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** The folder to install in, as typed or chosen. */
    public StringProperty folderProperty() {
        return folder;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether {@link #messageProperty()} tells of a failure (drawn as an error). */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
