package dev.latchkey.app.launcher;

import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.expiry.ExpiryEvent;
import dev.latchkey.core.launch.Launch;
import dev.latchkey.core.launch.OfflineStart;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.process.PosixSignal;
import dev.latchkey.core.launch.profile.LaunchProfile;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One launched app as its console shows it: state, masked output, a countdown to the end of the
 * grant or sandbox token that ends first among its own (not another grant of the same scope),
 * the warnings and ends the launch's expiry clock reports, stop and restart. UI thread only; the
 * launch itself (resolution in one broker call, the child, masking, expiry and what happens at
 * an end) is core's {@link Launch}, run through the {@link TaskRunner}.
 *
 * <p>Output reaches this object already masked by core; values are never held here.
 */
public final class RunningApp {

    /** How long a stopped child has after SIGTERM before SIGKILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** Where the app stands. */
    public sealed interface State {
        /** Resolving its references and minting its tokens. */
        record Starting() implements State {
        }

        /** Everything was granted; the child runs. */
        record Running() implements State {
        }

        /** The child ended with {@code exitCode}. */
        record Exited(int exitCode) implements State {
        }

        /** Something was refused, so nothing started; {@code refused} says what and how to fix it. */
        record Refused(List<RefusedRef> refused) implements State {
        }

        /** The launch could not happen; {@code why} says what to do. */
        record Failed(String why) implements State {
        }
    }

    private final LaunchProfile profile;
    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final ConsoleLaunch launches;
    private final Consumer<RunningApp> changed;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(new State.Starting());
    private final ConsoleText console = new ConsoleText();
    private final RunEnds ends = new RunEnds();
    private final ReadOnlyObjectWrapper<RunFacts> facts = new ReadOnlyObjectWrapper<>(RunFacts.NONE);
    private final ReadOnlyStringWrapper offline = new ReadOnlyStringWrapper("");
    private Launch launch;
    private boolean restartWhenEnded;
    private Scheduler.Cancellable tick = () -> { };
    private Scheduler.Cancellable kill = () -> { };

    /**
     * @param changed told (on the UI thread) when the app starts, is given credentials, hears of
     *        an expiry, or ends: the tray's list of running apps follows it
     */
    RunningApp(LaunchProfile profile, TaskRunner tasks, Scheduler scheduler, SecretSource source, LocalFolders folders,
               Consumer<RunningApp> changed) {
        this.profile = profile;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.launches = new ConsoleLaunch(profile, tasks, scheduler, source, folders);
        this.changed = changed;
    }

    /** Starts (or starts again): one resolution, then the child. */
    void start() {
        restartWhenEnded = false;
        state.set(new State.Starting());
        offline.set("");
        console.note("Launching " + profile.name() + ": " + ArgsText.join(profile.command())
                + (profile.mask() ? " (output masked)" : " (output NOT masked)"));
        Launch current = launches.next(this::append, console::note, this::granted);
        current.addExpiryListener(event -> tasks.onUi(() -> {
            if (launch == current) {
                heard(event);
            }
        }));
        launch = current;
        tasks.run(current::run, outcome -> {
            if (launch != current) {
                return;
            }
            switch (outcome) {
                case Launch.Outcome.Exited e -> {
                    facts.set(facts.get().withPid(e.pid()));
                    ended(new State.Exited(e.exitCode()), profile.name() + " exited with code " + e.exitCode() + ".");
                }
                case Launch.Outcome.Refused r -> ended(new State.Refused(r.refused()), RefusedRef.message(r.refused()));
            }
        }, failure -> {
            if (launch == current) {
                String why = LaunchFailures.describe(profile, failure);
                ended(new State.Failed(why), why);
            }
        });
    }

    /**
     * A (re)start was granted {@code refs}: {@code items} is what ends, one per grant and sandbox
     * token; {@code kept} says when it started offline, with sandbox tokens cached in the keychain.
     */
    private void granted(Set<SecretRef> refs, List<Expiring> items, Optional<OfflineStart> kept) {
        kept.ifPresent(o -> {
            offline.set(OfflineLaunchText.started(o, scheduler.clock().getZone()));
            console.note(OfflineLaunchText.details(o));
        });
        ends.granted(items);
        facts.set(RunFacts.granted(refs, scheduler.clock().instant()));
        state.set(new State.Running());
        changed.accept(this);
        tick.cancel();
        tickCountdown();
    }

    /** What the launch's expiry clock said: a warning or an end of one of this run's items. */
    private void heard(ExpiryEvent event) {
        ends.heard(event);
        showCountdown();
        changed.accept(this);
    }

    private void ended(State how, String message) {
        tick.cancel();
        kill.cancel();
        state.set(how);
        console.note(message);
        ends.hide();
        changed.accept(this);
        if (restartWhenEnded) {
            start();
        }
    }

    /**
     * Redraws the countdown now and again in a second while the app runs (a display, not a clock:
     * ends come from core); until the child's pid is known, looks for it each time too.
     */
    private void tickCountdown() {
        showCountdown();
        notePid();
        if ((!ends.items().isEmpty() || facts.get().pid().isEmpty()) && state.get() instanceof State.Running) {
            tick = scheduler.after(Duration.ofSeconds(1), this::tickCountdown);
        }
    }

    private void showCountdown() {
        if (state.get() instanceof State.Running) {
            ends.show(profile.onExpiry(), scheduler.clock());
        }
    }

    /**
     * One of the user's grants was revoked: if this run was given something under it, that ends
     * now, as the profile's on-expiry setting says (core's {@link Launch#grantEnded}).
     */
    public void grantRevoked(String grantId, String scope, String why) {
        Launch current = launch;
        if (current != null && state.get() instanceof State.Running) {
            current.grantEnded(grantId, scope, why);
        }
    }

    /** Stops the child: SIGTERM, then SIGKILL if it is still there after {@link #STOP_GRACE}. */
    public void stop() {
        Launch current = launch;
        if (current == null || !(state.get() instanceof State.Running)) {
            return;
        }
        console.note("Stopping " + profile.name() + " …");
        current.forward(PosixSignal.TERM);
        kill.cancel();
        kill = scheduler.after(STOP_GRACE, () -> {
            if (launch == current && state.get() instanceof State.Running) {
                current.forward(PosixSignal.KILL);
            }
        });
    }

    /** Stops the child if it runs, then launches again with fresh credentials. */
    public void restart() {
        if (state.get() instanceof State.Running) {
            restartWhenEnded = true;
            stop();
        } else if (!(state.get() instanceof State.Starting)) {
            start();
        }
    }

    /** True while starting or running. */
    public boolean active() {
        return state.get() instanceof State.Starting || state.get() instanceof State.Running;
    }

    /** Takes the child's pid from the launch once it has started (the launch reports no start of its own). */
    private void notePid() {
        Launch current = launch;
        if (current != null && facts.get().pid().isEmpty() && state.get() instanceof State.Running) {
            current.childPid().ifPresent(p -> facts.set(facts.get().withPid(p)));
        }
    }

    private void append(String text) {
        notePid(); // output means the child runs
        console.append(text);
    }

    public LaunchProfile profile() {
        return profile;
    }

    /** What the last start was given that ends (grants, sandbox tokens), soonest first; kept after the app ends. */
    public List<Expiring> deadlines() {
        return ends.items();
    }

    /** Whether the launch's expiry clock said {@code item} has ended. */
    public boolean hasEnded(Expiring item) {
        return ends.hasEnded(item);
    }

    /** The references, start time and pid of the last start. */
    public ReadOnlyObjectProperty<RunFacts> factsProperty() {
        return facts.getReadOnlyProperty();
    }

    /** The app's clock: what the detail pane counts down by. */
    Clock clock() {
        return scheduler.clock();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The child's masked output, with Latchkey's own lines marked {@code »}. */
    public ReadOnlyStringProperty consoleProperty() {
        return console.property();
    }

    /**
     * "Access to payments/prod/db-url ends in 6 min (at 14:06).", with what has ended before it;
     * empty before the launch is granted and after it ends.
     */
    public ReadOnlyStringProperty countdownProperty() {
        return ends.countdownProperty();
    }

    /**
     * "Started offline with cached sandbox tokens, valid until 14:06." when the last start was given
     * sandbox tokens kept in the keychain because the broker could not be reached; empty otherwise.
     */
    public ReadOnlyStringProperty offlineProperty() {
        return offline.getReadOnlyProperty();
    }

    /** Whether the countdown is a warning or an end, as the launch's expiry clock reported. */
    public ReadOnlyObjectProperty<LaunchCountdown.Alert> alertProperty() {
        return ends.alertProperty();
    }

    /**
     * The id of the grant that ends first among those this run was given and that have not ended:
     * the one "Extend" asks more time for.
     */
    public Optional<String> grantToExtend() {
        return state.get() instanceof State.Running ? ends.grantToExtend() : Optional.empty();
    }
}
