package dev.latchkey.app.settings;

import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.approval.LocalConfirmScopes;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import dev.latchkey.core.brokerapi.Scope;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings' "Ask before launches": the scopes the user can see, each with whether a launch that reads
 * it waits for the user's answer first. The user's own marks are the file {@code confirm-scopes} in
 * the config folder ({@link LocalConfirmScopes}), the one the agent and the CLI read at each launch,
 * so a change applies to the next launch without a restart. A scope the broker's policy already
 * marks is shown on and cannot be turned off here. Names only: no value passes through this class.
 *
 * <p>Reading the file and the broker's listing, and writing the file, run through the
 * {@link TaskRunner}; everything else on the UI thread.
 */
public final class ConfirmScopesViewModel {

    /** Where the list stands. */
    public enum State {
        /** Reading the scopes and the file. */
        LOADING,
        /** The scopes are listed and can be switched. */
        LOADED,
        /** The broker cannot be reached: only the scopes marked on this computer are listed (they can be unmarked). */
        OFFLINE,
        /** The broker refused or failed: nothing is listed (the message says why; Retry). */
        FAILED,
        /** The file cannot be read: the scopes are listed but cannot be switched, lest a save lose its marks. */
        FILE_UNREADABLE
    }

    /**
     * One scope as listed.
     *
     * @param scope {@code team/env}
     * @param asked whether a launch that reads it asks first (by policy or by the user's mark)
     * @param lockedBecause why it cannot be switched here, or empty when it can
     * @param note more about it (shown under the name), or empty
     */
    public record Row(String scope, boolean asked, String lockedBecause, String note) {

        /** Whether the user can switch it here. */
        public boolean switchable() {
            return lockedBecause.isEmpty();
        }
    }

    /** The broker's scopes listing. Blocking: called from the background only. */
    @FunctionalInterface
    public interface Listing {
        List<Scope> scopes() throws BrokerException;
    }

    static final String BY_POLICY = "Your broker's policy asks for every launch that reads it.";
    static final String NOT_LISTED = "Marked on this computer; your broker does not list it for you now.";

    private final TaskRunner tasks;
    private final Listing listing;
    private final Path config;
    private final Path home;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private List<Scope> listed = List.of();
    private Set<String> marked = Set.of();
    private long generation;

    /**
     * @param config the config folder whose {@code confirm-scopes} the agent honours
     * @param home the user's home folder, written {@code ~} where the file's place is shown
     */
    public ConfirmScopesViewModel(TaskRunner tasks, Listing listing, Path config, Path home) {
        this.tasks = tasks;
        this.listing = listing;
        this.config = config;
        this.home = home;
    }

    /** The file's place as shown: {@code ~/.config/latchkey/confirm-scopes} for a file under the home folder. */
    public String file() {
        Path file = config.resolve(LocalConfirmScopes.FILE).toAbsolutePath();
        Path h = home.toAbsolutePath();
        return file.startsWith(h) && !file.equals(h) ? "~/" + h.relativize(file) : file.toString();
    }

    /** Reads the file and the broker's scopes in the background (again, after a failure: Retry). */
    public void load() {
        long mine = ++generation;
        state.set(State.LOADING);
        rows.clear();
        say(false, "");
        tasks.run(this::read, read -> {
            if (mine == generation) {
                take(read);
            }
        }, failure -> {
            if (mine == generation) { // not expected: read() turns its failures into outcomes
                state.set(State.FAILED);
                say(true, Failures.describe(failure));
            }
        });
    }

    private record Read(Optional<List<Scope>> scopes, Optional<Set<String>> marked, Exception brokerProblem,
                        IOException fileProblem) {
    }

    private Read read() {
        Optional<Set<String>> file;
        IOException fileProblem = null;
        try {
            file = Optional.of(LocalConfirmScopes.load(config));
        } catch (IOException e) {
            file = Optional.empty();
            fileProblem = e;
        }
        try {
            return new Read(Optional.of(listing.scopes()), file, null, fileProblem);
        } catch (BrokerException e) {
            return new Read(Optional.empty(), file, e, fileProblem);
        }
    }

    private void take(Read read) {
        listed = read.scopes().orElse(List.of());
        marked = read.marked().orElse(Set.of());
        if (read.fileProblem() != null) {
            state.set(State.FILE_UNREADABLE);
            say(true, "Latchkey cannot read " + file() + " (" + describe(read.fileProblem()) + "), so launches "
                    + "ask only about the scopes your broker's policy marks. Fix or remove the file, then press Retry.");
        } else if (read.brokerProblem() instanceof BrokerUnreachableException) {
            state.set(State.OFFLINE);
            say(true, "Latchkey can't reach the broker, so only the scopes marked on this computer are listed. "
                    + "Press Retry once you are back online.");
        } else if (read.brokerProblem() != null) {
            state.set(State.FAILED);
            say(true, "Your scopes could not be listed: " + Failures.describe(read.brokerProblem()) + " Press Retry.");
        } else {
            state.set(State.LOADED);
        }
        redraw();
    }

    private void redraw() {
        Map<String, Row> byName = new TreeMap<>();
        boolean unreadable = state.get() == State.FILE_UNREADABLE;
        for (Scope s : listed) {
            String lock = s.confirm() ? BY_POLICY : unreadable ? "The file of marked scopes cannot be read." : "";
            byName.put(s.name(), new Row(s.name(), s.confirm() || marked.contains(s.name()), lock, ""));
        }
        if (state.get() != State.FAILED) {
            for (String m : marked) {
                byName.putIfAbsent(m, new Row(m, true, "", state.get() == State.OFFLINE ? "" : NOT_LISTED));
            }
        }
        rows.setAll(new ArrayList<>(byName.values()));
    }

    /**
     * Marks {@code scope} (or unmarks it) on this computer: the file is written whole in the background
     * and the next launch that reads the scope asks first (or no longer does).
     */
    public void ask(String scope, boolean on) {
        Row row = rows.stream().filter(r -> r.scope().equals(scope)).findFirst().orElse(null);
        if (row == null || !row.switchable() || busy.get() || row.asked() == on) {
            redraw(); // a box clicked while it cannot change shows its state again
            return;
        }
        Set<String> next = new TreeSet<>(marked);
        if (on) {
            next.add(scope);
        } else {
            next.remove(scope);
        }
        busy.set(true);
        tasks.run(() -> {
            LocalConfirmScopes.write(config, next);
            return Set.copyOf(next);
        }, saved -> {
            busy.set(false);
            marked = saved;
            redraw();
            say(false, on ? "Launches that read " + scope + " ask you first from now on."
                    : "Launches that read " + scope + " no longer ask you first.");
        }, failure -> {
            busy.set(false);
            redraw();
            say(true, "Could not save " + file() + " (" + (failure instanceof IOException io ? describe(io)
                    : Failures.describe(failure)) + "). Nothing changed.");
        });
    }

    static String describe(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        // A plain read failure's message is the system's reason ("Is a directory"), no path and no value.
        return e.getMessage() == null ? "it cannot be read" : e.getMessage().toLowerCase(Locale.ROOT);
    }

    private void say(boolean failure, String text) {
        failed.set(failure);
        message.set(text);
    }

    /** The scopes as listed, sorted by name. */
    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What happened last, or why the list is short, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether {@link #messageProperty()} tells of a problem (drawn as one). */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** True while the file is being written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
