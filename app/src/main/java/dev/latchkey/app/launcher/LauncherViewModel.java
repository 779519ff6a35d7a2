package dev.latchkey.app.launcher;

import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.LaunchFileException;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.ProjectFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The launcher: profiles from the app's store and from a chosen project's {@code latchkey.toml},
 * the apps launched from them, and saving new or edited profiles. UI thread only; files are read
 * and written through the {@link TaskRunner}.
 */
public final class LauncherViewModel {

    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final ProfileStore store;
    private final SecretSource source;
    private final LocalFolders folders;
    private final Consumer<RunningApp> changed;
    private final ObservableList<ProfileEntry> profiles = FXCollections.observableArrayList();
    private final ObservableList<RunningApp> apps = FXCollections.observableArrayList();
    private final ObjectProperty<ProfileEntry> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<RunningApp> shownApp = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper project = new ReadOnlyStringWrapper("");
    private final Map<String, LaunchProfile> waitingForApproval = new HashMap<>();
    private List<LaunchProfile> saved = List.of();
    private List<ProfileEntry> fromProject = List.of();

    /**
     * @param source resolves each launch in one broker call
     * @param changed told when an app starts, is given credentials, hears of an expiry or ends
     */
    public LauncherViewModel(TaskRunner tasks, Scheduler scheduler, ProfileStore store, SecretSource source,
                             LocalFolders folders, Consumer<RunningApp> changed) {
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.store = store;
        this.source = source;
        this.folders = folders;
        this.changed = changed;
    }

    /** Reads the app's own profiles in the background. */
    public void load() {
        tasks.run(store::load, loaded -> {
            saved = loaded;
            rebuild();
        }, failure -> message.set("Your saved profiles cannot be read: " + describe(failure)
                + " Fix or remove " + store.file() + ", then reopen the launcher."));
    }

    /** Reads {@code folder/latchkey.toml} in the background and lists its profiles beside the saved ones. */
    public void openProject(Path folder) {
        Path file = folder.resolve(ProjectFile.NAME);
        tasks.run(() -> {
            if (!Files.isRegularFile(file)) {
                throw new LaunchFileException(file, 0, "there is no " + ProjectFile.NAME + " in this folder");
            }
            return ProjectFile.read(file);
        }, read -> {
            fromProject = read.profiles().values().stream()
                    .map(p -> new ProfileEntry(p, new ProfileOrigin.Project(read.file()))).toList();
            project.set(read.file().toString());
            message.set("Read " + fromProject.size() + " profile" + (fromProject.size() == 1 ? "" : "s") + " from " + read.file() + ".");
            rebuild();
        }, failure -> message.set(describe(failure) + " Pick a folder with a valid " + ProjectFile.NAME + "."));
    }

    /**
     * Saves {@code profile} in the app's store, replacing {@code replacing} (the name it had
     * before an edit) or a profile of the same name.
     */
    public void save(LaunchProfile profile, Optional<String> replacing, Runnable onSaved) {
        List<LaunchProfile> next = new ArrayList<>();
        boolean placed = false;
        for (LaunchProfile p : saved) {
            if (p.name().equals(profile.name()) || replacing.filter(p.name()::equals).isPresent()) {
                if (!placed) {
                    next.add(profile);
                    placed = true;
                }
            } else {
                next.add(p);
            }
        }
        if (!placed) {
            next.add(profile);
        }
        List<LaunchProfile> result = List.copyOf(next);
        tasks.run(() -> {
            store.save(result);
            return result;
        }, done -> {
            saved = done;
            rebuild();
            select(profile.name());
            message.set("Saved " + profile.name() + ".");
            onSaved.run();
        }, failure -> message.set("Could not save " + profile.name() + ": " + describe(failure)
                + " Check that " + store.file().getParent() + " is writable."));
    }

    /** Removes a saved profile. */
    public void remove(ProfileEntry entry) {
        if (!entry.editable()) {
            message.set(entry.label() + " belongs to its project; change it in that project's " + ProjectFile.NAME + ".");
            return;
        }
        List<LaunchProfile> result = saved.stream().filter(p -> !p.name().equals(entry.profile().name())).toList();
        tasks.run(() -> {
            store.save(result);
            return result;
        }, done -> {
            saved = done;
            rebuild();
            message.set("Removed " + entry.profile().name() + ".");
        }, failure -> message.set("Could not remove " + entry.profile().name() + ": " + describe(failure)));
    }

    /** Launches the selected profile; says so when none is selected. */
    public Optional<RunningApp> launchSelected() {
        ProfileEntry entry = selected.get();
        if (entry == null) {
            message.set("Select a profile first (or create one with New profile).");
            return Optional.empty();
        }
        return Optional.of(launch(entry.profile()));
    }

    /** Launches {@code profile} with a console of its own. */
    public RunningApp launch(LaunchProfile profile) {
        RunningApp app = new RunningApp(profile, tasks, scheduler, source, folders, changed);
        apps.add(app);
        shownApp.set(app);
        message.set("");
        app.start();
        return app;
    }

    /**
     * "Launch when approved": launches {@code profile} now if {@code request} was approved at once
     * (a policy rule), or as soon as its decision arrives.
     */
    public void launchWhenApproved(LaunchProfile profile, AccessRequest request) {
        switch (request.state()) {
            case APPROVED -> launch(profile);
            case PENDING -> {
                waitingForApproval.put(request.id(), profile);
                message.set(profile.name() + " launches as soon as the request for " + request.scope() + " is approved.");
            }
            default -> message.set("Not launching " + profile.name() + ": the request is " + request.state().wire() + ".");
        }
    }

    /** A request was decided: launches what was waiting for it, or says why not. */
    public void decided(String requestId, AccessRequest.State state) {
        LaunchProfile waiting = waitingForApproval.remove(requestId);
        if (waiting == null) {
            return;
        }
        if (state == AccessRequest.State.APPROVED) {
            launch(waiting);
        } else {
            message.set("Not launching " + waiting.name() + ": the request was " + state.wire() + ".");
        }
    }

    /** One of the user's grants was revoked: each running app given something under it reacts as its profile says. */
    public void grantRevoked(String grantId, String scope, String why) {
        apps.forEach(a -> a.grantRevoked(grantId, scope, why));
    }

    /** Closes a console; a running app is stopped first. */
    public void close(RunningApp app) {
        app.stop();
        apps.remove(app);
    }

    private void select(String name) {
        profiles.stream().filter(e -> e.editable() && e.profile().name().equals(name)).findFirst().ifPresent(selected::set);
    }

    private void rebuild() {
        ProfileEntry was = selected.get();
        List<ProfileEntry> all = new ArrayList<>();
        saved.forEach(p -> all.add(new ProfileEntry(p, new ProfileOrigin.Saved())));
        all.addAll(fromProject);
        profiles.setAll(all);
        if (was != null) {
            all.stream().filter(e -> e.profile().name().equals(was.profile().name()) && e.origin().equals(was.origin()))
                    .findFirst().ifPresentOrElse(selected::set, () -> selected.set(null));
        }
        if (selected.get() == null && !all.isEmpty()) {
            selected.set(all.getFirst());
        }
    }

    private static String describe(Exception failure) {
        return failure instanceof LaunchFileException e ? e.getMessage() + "." : Failures.describe(failure);
    }

    /** The saved profiles' names (for the editor's duplicate check). */
    public List<String> savedNames() {
        return saved.stream().map(LaunchProfile::name).toList();
    }

    public ObservableList<ProfileEntry> profiles() {
        return profiles;
    }

    /** Every app launched this session, running or ended, in launch order. */
    public ObservableList<RunningApp> apps() {
        return apps;
    }

    public ObjectProperty<ProfileEntry> selectedProperty() {
        return selected;
    }

    /** The app whose console is in front. */
    public ObjectProperty<RunningApp> shownAppProperty() {
        return shownApp;
    }

    /** What just happened, or why it did not, and what to do. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The project file whose profiles are listed, or empty. */
    public ReadOnlyStringProperty projectProperty() {
        return project.getReadOnlyProperty();
    }
}
