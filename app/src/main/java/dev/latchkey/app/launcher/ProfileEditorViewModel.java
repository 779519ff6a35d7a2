package dev.latchkey.app.launcher;

import dev.latchkey.core.brokerapi.InvalidSecretRefException;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.OnExpiry;
import dev.latchkey.core.launch.profile.SandboxRequest;
import dev.latchkey.grammar.Durations;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The add/edit form of a saved profile: command, arguments, working folder, variables set to
 * references (picked from the secrets the browser lists), sandbox tokens, masking and what to
 * do on expiry. Variables take references only, so no value is ever typed into a file.
 */
public final class ProfileEditorViewModel {

    /** A variable set to a reference. */
    public record EnvBinding(String variable, SecretRef ref) {
    }

    /** A sandbox token minted at launch into {@code variable}. */
    public record SandboxBinding(String variable, String sandbox, Duration ttl) {
    }

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Optional<String> original;
    private final List<String> takenNames;
    private final Consumer<LaunchProfile> onSave;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty command = new SimpleStringProperty("");
    private final StringProperty args = new SimpleStringProperty("");
    private final StringProperty workingFolder = new SimpleStringProperty("");
    private final BooleanProperty mask = new SimpleBooleanProperty(true);
    private final BooleanProperty pristine = new SimpleBooleanProperty(false);
    private final ObjectProperty<OnExpiry> onExpiry = new SimpleObjectProperty<>(OnExpiry.WARN);
    private final ObservableList<EnvBinding> env = FXCollections.observableArrayList();
    private final ObservableList<SandboxBinding> sandboxes = FXCollections.observableArrayList();
    private final ObservableList<String> knownRefs = FXCollections.observableArrayList();
    private final StringProperty newVariable = new SimpleStringProperty("");
    private final StringProperty newRef = new SimpleStringProperty("");
    private final StringProperty newSandboxVariable = new SimpleStringProperty("");
    private final StringProperty newSandbox = new SimpleStringProperty("");
    private final StringProperty newSandboxTtl = new SimpleStringProperty("15m");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    /**
     * @param editing the profile being edited, or empty for a new one
     * @param takenNames names of the other saved profiles
     * @param knownRefs references the browser lists, offered when adding a variable
     * @param onSave receives the checked profile
     */
    public ProfileEditorViewModel(Optional<LaunchProfile> editing, List<String> takenNames, List<String> knownRefs,
                                  Consumer<LaunchProfile> onSave) {
        this.original = editing.map(LaunchProfile::name);
        this.takenNames = List.copyOf(takenNames);
        this.onSave = onSave;
        this.knownRefs.setAll(knownRefs);
        editing.ifPresent(p -> {
            name.set(p.name());
            command.set(p.command().getFirst());
            args.set(ArgsText.join(p.command().subList(1, p.command().size())));
            workingFolder.set(p.workingFolder().map(Path::toString).orElse(""));
            mask.set(p.mask());
            pristine.set(p.pristine());
            onExpiry.set(p.onExpiry());
            p.env().forEach((k, v) -> {
                if (v instanceof EnvValue.Reference(SecretRef ref)) {
                    env.add(new EnvBinding(k, ref));
                }
            });
            p.sandboxes().forEach((k, v) -> sandboxes.add(new SandboxBinding(k, v.sandbox(), v.ttl())));
        });
    }

    /** True when editing an existing profile. */
    public boolean editing() {
        return original.isPresent();
    }

    /** The name the profile had before this edit. */
    public Optional<String> originalName() {
        return original;
    }

    /**
     * Adds the variable typed in {@link #newVariableProperty()} set to the reference in {@link #newRefProperty()}.
     *
     * @return false, with {@link #errorProperty()} saying what to fix, when the row is not a variable and a reference
     */
    public boolean addVariable() {
        String var = newVariable.get().strip();
        if (!VARIABLE.matcher(var).matches()) {
            return refuse("'" + var + "' is not a variable name: letters, digits and '_', not starting with a digit.");
        }
        SecretRef ref;
        try {
            ref = SecretRef.parse(newRef.get().strip());
        } catch (InvalidSecretRefException e) {
            return refuse("Pick a secret for " + var + " from the list, or type a reference such as "
                    + "latchkey://payments/dev/db-url (" + e.getMessage() + "). Values cannot be typed here: they would end up in a file.");
        }
        env.removeIf(b -> b.variable().equals(var));
        env.add(new EnvBinding(var, ref));
        newVariable.set("");
        newRef.set("");
        error.set("");
        return true;
    }

    /**
     * Adds the sandbox token typed in the three sandbox fields.
     *
     * @return false, with {@link #errorProperty()} saying what to fix, when the row is incomplete or wrong
     */
    public boolean addSandbox() {
        String var = newSandboxVariable.get().strip();
        if (!VARIABLE.matcher(var).matches()) {
            return refuse("'" + var + "' is not a variable name: letters, digits and '_', not starting with a digit.");
        }
        if (newSandbox.get().isBlank()) {
            return refuse("Name the sandbox whose token " + var + " gets, such as payments-sandbox.");
        }
        Duration ttl;
        try {
            ttl = Durations.parse(newSandboxTtl.get());
        } catch (IllegalArgumentException e) {
            return refuse(capital(e.getMessage()) + ".");
        }
        sandboxes.removeIf(b -> b.variable().equals(var));
        sandboxes.add(new SandboxBinding(var, newSandbox.get().strip(), ttl));
        newSandboxVariable.set("");
        newSandbox.set("");
        error.set("");
        return true;
    }

    /** Checks the form and hands the profile on, or says in {@link #errorProperty()} what to fix. */
    public boolean save() {
        Optional<LaunchProfile> p = build();
        p.ifPresent(onSave);
        return p.isPresent();
    }

    /** The profile the form describes, or empty with {@link #errorProperty()} saying what to fix. */
    public Optional<LaunchProfile> build() {
        String n = name.get().strip();
        if (!ProfileStore.NAME.matcher(n).matches()) {
            return fail("Give the profile a name of letters, digits, '-' or '_' (such as payments-api).");
        }
        if (takenNames.contains(n) && !original.filter(n::equals).isPresent()) {
            return fail("There is already a profile named " + n + "; pick another name.");
        }
        if (command.get().isBlank()) {
            return fail("Say which program to run, such as npm or ./gradlew.");
        }
        List<String> argv = new ArrayList<>();
        argv.add(command.get().strip());
        try {
            argv.addAll(ArgsText.split(args.get()));
        } catch (IllegalArgumentException e) {
            return fail(capital(e.getMessage()) + ".");
        }
        Optional<Path> folder = Optional.empty();
        if (!workingFolder.get().isBlank()) {
            try {
                Path f = Path.of(workingFolder.get().strip());
                if (!f.isAbsolute()) {
                    return fail("Give the working folder as a full path, or leave it empty for your home folder.");
                }
                folder = Optional.of(f);
            } catch (InvalidPathException e) {
                return fail("'" + workingFolder.get() + "' is not a folder path.");
            }
        }
        // A row filled in but not yet added is part of what the person means to save: add it, or
        // say what is wrong with it, never drop it.
        if (!(newVariable.get().isBlank() && newRef.get().isBlank()) && !addVariable()) {
            return Optional.empty();
        }
        if (!(newSandboxVariable.get().isBlank() && newSandbox.get().isBlank()) && !addSandbox()) {
            return Optional.empty();
        }
        Map<String, EnvValue> vars = new LinkedHashMap<>();
        env.forEach(b -> vars.put(b.variable(), new EnvValue.Reference(b.ref())));
        Map<String, SandboxRequest> tokens = new LinkedHashMap<>();
        for (SandboxBinding b : sandboxes) {
            if (vars.containsKey(b.variable())) {
                return fail(b.variable() + " is set both to a reference and to a sandbox token; keep one.");
            }
            tokens.put(b.variable(), new SandboxRequest(b.sandbox(), b.ttl()));
        }
        error.set("");
        return Optional.of(new LaunchProfile(n, argv, folder, List.of(), vars, tokens, mask.get(), pristine.get(),
                onExpiry.get()));
    }

    private boolean refuse(String why) {
        error.set(why);
        return false;
    }

    private Optional<LaunchProfile> fail(String why) {
        error.set(why);
        return Optional.empty();
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty commandProperty() {
        return command;
    }

    /** The arguments as one line, quoted as in a shell; no expansion happens. */
    public StringProperty argsProperty() {
        return args;
    }

    public StringProperty workingFolderProperty() {
        return workingFolder;
    }

    public BooleanProperty maskProperty() {
        return mask;
    }

    public BooleanProperty pristineProperty() {
        return pristine;
    }

    public ObjectProperty<OnExpiry> onExpiryProperty() {
        return onExpiry;
    }

    public ObservableList<EnvBinding> env() {
        return env;
    }

    public ObservableList<SandboxBinding> sandboxes() {
        return sandboxes;
    }

    /** References the browser lists, offered as choices. */
    public ObservableList<String> knownRefs() {
        return knownRefs;
    }

    public StringProperty newVariableProperty() {
        return newVariable;
    }

    public StringProperty newRefProperty() {
        return newRef;
    }

    public StringProperty newSandboxVariableProperty() {
        return newSandboxVariable;
    }

    public StringProperty newSandboxProperty() {
        return newSandbox;
    }

    public StringProperty newSandboxTtlProperty() {
        return newSandboxTtl;
    }

    /** What to fix before saving; empty when nothing. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
