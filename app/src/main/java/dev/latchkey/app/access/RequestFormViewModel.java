package dev.latchkey.app.access;

import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.AccessRequestForm;
import dev.latchkey.core.brokerapi.DryRun;
import dev.latchkey.grammar.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The access request form: scope, a subset of its secrets, duration (presets, or typed, capped by
 * policy), start now or later, justification. As the form changes, a dry run asks the broker what
 * a submit would do (debounced, in the background; a late answer to an older form is dropped).
 * What the typed fields mean is {@link RequestDraft}'s. UI thread only.
 */
public final class RequestFormViewModel {

    /** How long the form must rest before a dry run is sent. */
    public static final Duration DEBOUNCE = Duration.ofMillis(300);
    /** The durations offered as buttons; those above the policy's maximum are hidden. */
    public static final List<Duration> PRESETS = List.of(Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8));

    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final AccessBackend backend;
    private final Function<String, List<String>> secretsOf;
    private final Map<String, Optional<Duration>> scopeMaximum;
    private final Consumer<AccessRequest> onSubmitted;

    private final StringProperty scope = new SimpleStringProperty("");
    private final ObservableList<String> scopes = FXCollections.observableArrayList();
    private final ObservableList<String> secretChoices = FXCollections.observableArrayList();
    private final ObservableList<String> chosenSecrets = FXCollections.observableArrayList();
    private final StringProperty duration = new SimpleStringProperty("1h");
    private final ObservableList<Duration> presets = FXCollections.observableArrayList();
    private final BooleanProperty startLater = new SimpleBooleanProperty(false);
    private final StringProperty startAt = new SimpleStringProperty("");
    private final StringProperty justification = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper limits = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper submittable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final FieldProblems fields = new FieldProblems();
    private Optional<Duration> maximum = Optional.empty();
    private Scheduler.Cancellable pending = () -> { };
    private long sent;

    /**
     * @param requestable the scopes that may be requested, each with the policy's maximum if known
     * @param secretsOf the secret names of a scope (from what the browser loaded; no broker call)
     * @param onSubmitted told about the filed request
     */
    public RequestFormViewModel(TaskRunner tasks, Scheduler scheduler, AccessBackend backend,
                                Map<String, Optional<Duration>> requestable, Function<String, List<String>> secretsOf,
                                Consumer<AccessRequest> onSubmitted) {
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.backend = backend;
        this.secretsOf = secretsOf;
        this.scopeMaximum = Map.copyOf(requestable);
        this.onSubmitted = onSubmitted;
        scopes.setAll(requestable.keySet().stream().sorted().toList());
        scope.addListener((o, old, now) -> scopeChanged());
        // Change listeners, not invalidation ones: an invalidation fires once until someone reads the value.
        duration.addListener((o, old, now) -> changed());
        startLater.addListener((o, old, now) -> changed());
        startAt.addListener((o, old, now) -> changed());
        justification.addListener((o, old, now) -> changed());
        chosenSecrets.addListener((ListChangeListener<String>) c -> changed());
        scopeChanged();
    }

    /** Preselects {@code name} (the scope selected in the browser). */
    public void preselect(String name) {
        scope.set(name);
    }

    private void scopeChanged() {
        secretChoices.setAll(scope.get().isBlank() ? List.of() : secretsOf.apply(scope.get()));
        chosenSecrets.clear();
        maximum = scopeMaximum.getOrDefault(scope.get(), Optional.empty());
        showPresets();
        changed();
    }

    private void showPresets() {
        presets.setAll(PRESETS.stream().filter(d -> maximum.map(m -> d.compareTo(m) <= 0).orElse(true)).toList());
    }

    /** Any change: the last dry run no longer describes the form; ask again once typing rests. */
    private void changed() {
        pending.cancel();
        submittable.set(false);
        List<String> local = localProblems();
        fields.clear();
        local.forEach(fields::addLine);
        if (scope.get().isBlank()) {
            outcome.set("Pick a scope to request.");
            problems.set("");
            fields.add("scope", "Pick a scope to request.");
            fields.publish();
            return;
        }
        fields.publish();
        problems.set(String.join("\n", local));
        checking.set(true);
        pending = scheduler.after(DEBOUNCE, this::dryRunNow);
    }

    /** What the form itself can tell is wrong, before asking the broker. */
    private List<String> localProblems() {
        return draft().problems(scheduler.clock());
    }

    /** The form as the broker reads it; empty when the duration or start cannot be read. */
    private Optional<AccessRequestForm> form() {
        return draft().form(scheduler.clock());
    }

    private RequestDraft draft() {
        return new RequestDraft(scope.get(), List.copyOf(chosenSecrets), duration.get(), startLater.get(), startAt.get(),
                justification.get(), maximum);
    }

    private void dryRunNow() {
        Optional<AccessRequestForm> f = form();
        if (f.isEmpty()) {
            checking.set(false);
            outcome.set("Fix the form to see what would happen.");
            return;
        }
        long ticket = ++sent;
        tasks.run(() -> backend.dryRun(f.get()), d -> {
            if (ticket != sent) {
                return; // an answer for an older form
            }
            checking.set(false);
            show(d);
        }, failure -> {
            if (ticket == sent) {
                checking.set(false);
                outcome.set("Cannot check the request now: " + Failures.describe(failure)
                        + " You can still submit; the broker decides.");
                submittable.set(localProblems().isEmpty());
            }
        });
    }

    private void show(DryRun d) {
        d.maxDuration().ifPresent(m -> {
            maximum = Optional.of(m);
            showPresets();
        });
        outcome.set(DryRunText.outcome(d));
        limits.set(DryRunText.limits(d));
        List<String> lines = DryRunText.problems(d, localProblems(), justification.get().isBlank());
        problems.set(String.join("\n", lines));
        fields.clear();
        lines.forEach(fields::addLine);
        fields.publish();
        submittable.set(lines.isEmpty() && d.outcome() != DryRun.Outcome.NOT_ALLOWED);
    }

    /** Files the request; the broker's refusal (a limit, a justification rule) is shown in place. */
    public void submit() {
        fields.touchAll();
        Optional<AccessRequestForm> f = form();
        if (f.isEmpty() || !localProblems().isEmpty()) {
            message.set("Fix what the form says first.");
            return;
        }
        busy.set(true);
        message.set("Sending the request …");
        tasks.run(() -> backend.submit(f.get()), r -> {
            busy.set(false);
            message.set("");
            onSubmitted.accept(r);
        }, failure -> {
            busy.set(false);
            message.set("The request was not filed: " + Failures.describe(failure) + " Change the form and submit again.");
        });
    }

    /**
     * The person left {@code field} ({@code scope}, {@code duration}, {@code start},
     * {@code justification}): from now on its problem shows next to it. Problems show on blur or
     * submit, not while the first characters are typed.
     */
    public void touch(String field) {
        fields.touch(field);
    }

    /** What is wrong with {@code field}, once it was left or a submit was tried; empty otherwise. */
    public ReadOnlyStringProperty problemProperty(String field) {
        return fields.property(field);
    }

    /** Chooses {@code d} (a preset button). */
    public void choose(Duration d) {
        duration.set(Durations.format(d));
    }

    public StringProperty scopeProperty() {
        return scope;
    }

    /** The scopes one may request. */
    public ObservableList<String> scopes() {
        return scopes;
    }

    /** The chosen scope's secret names. */
    public ObservableList<String> secretChoices() {
        return secretChoices;
    }

    /** The secrets asked for; empty means the whole scope. */
    public ObservableList<String> chosenSecrets() {
        return chosenSecrets;
    }

    public StringProperty durationProperty() {
        return duration;
    }

    /** Duration presets at or under the policy's maximum. */
    public ObservableList<Duration> presets() {
        return presets;
    }

    public BooleanProperty startLaterProperty() {
        return startLater;
    }

    /** When to start, if later: {@code 14:30} or {@code +2h}. */
    public StringProperty startAtProperty() {
        return startAt;
    }

    public StringProperty justificationProperty() {
        return justification;
    }

    /** What submitting would do: "Auto-approved by staging-short …", "Needs approval by payments-leads." */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** "Maximum allowed: 1h." */
    public ReadOnlyStringProperty limitsProperty() {
        return limits.getReadOnlyProperty();
    }

    /** What to fix, one line each (missing fields, limits, the justification rule). */
    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    /** True while a dry run is outstanding. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** True when the last dry run found nothing to fix. */
    public ReadOnlyBooleanProperty submittableProperty() {
        return submittable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** How the submit went, when it did not. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
