package dev.latchkey.app.launcher;

import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.launch.Launch;
import dev.latchkey.core.launch.LaunchSettings;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.process.ChildStartException;
import dev.latchkey.core.launch.process.ChildStarter;
import dev.latchkey.core.launch.process.PosixSignal;
import dev.latchkey.core.launch.profile.LaunchFileException;
import dev.latchkey.core.launch.profile.LaunchProfile;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One launched app as its console shows it: state, masked output, a countdown to the earliest
 * end of what it was given, stop and restart. UI thread only; the launch itself (resolution in
 * one broker call, the child, masking) is core's {@link Launch}, run through the {@link TaskRunner}.
 *
 * <p>Output reaches this object already masked by core; values are never held here.
 */
public final class RunningApp {

    /** How long a stopped child has after SIGTERM before SIGKILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** The most console text kept; older text is dropped from the top. */
    static final int CONSOLE_LIMIT = 200_000;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

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
    private final SecretSource source;
    private final LocalFolders folders;
    private final BiConsumer<RunningApp, Optional<Instant>> deadlines;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(new State.Starting());
    private final ReadOnlyStringWrapper console = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");
    private Optional<Instant> earliestEnd = Optional.empty();
    private Optional<String> grantScope = Optional.empty();
    private Launch launch;
    private boolean restartWhenEnded;
    private Scheduler.Cancellable tick = () -> { };
    private Scheduler.Cancellable kill = () -> { };

    /**
     * @param deadlines told (on the UI thread) the earliest end each time the app is given
     *        credentials, and empty once it has ended, so the app's expiry warnings follow it
     */
    RunningApp(LaunchProfile profile, TaskRunner tasks, Scheduler scheduler, SecretSource source, LocalFolders folders,
               BiConsumer<RunningApp, Optional<Instant>> deadlines) {
        this.profile = profile;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.source = source;
        this.folders = folders;
        this.deadlines = deadlines;
    }

    /** Starts (or starts again): one resolution, then the child. */
    void start() {
        restartWhenEnded = false;
        state.set(new State.Starting());
        note("Launching " + profile.name() + ": " + ArgsText.join(profile.command())
                + (profile.mask() ? " (output masked)" : " (output NOT masked)"));
        GrantedEnds observed = new GrantedEnds(source, ends -> tasks.onUi(() -> granted(ends)));
        LaunchSettings settings = new LaunchSettings(observed, ChildStarter.pipesWithInput(),
                new ConsoleStream(text -> tasks.onUi(() -> append(text))),
                new ConsoleStream(text -> tasks.onUi(() -> append(text))), InputStream.nullInputStream(),
                line -> tasks.onUi(() -> note(line)), scheduler.clock(), folders.launchLog(), folders.env(),
                folders.home(), LaunchSettings.DEFAULT_GRACE, Duration.ofSeconds(1), false);
        Launch current = new Launch(profile, settings);
        launch = current;
        tasks.run(current::run, outcome -> {
            if (launch != current) {
                return;
            }
            switch (outcome) {
                case Launch.Outcome.Exited e -> ended(new State.Exited(e.exitCode()),
                        profile.name() + " exited with code " + e.exitCode() + ".");
                case Launch.Outcome.Refused r -> ended(new State.Refused(r.refused()), RefusedRef.message(r.refused()));
            }
        }, failure -> {
            if (launch == current) {
                ended(new State.Failed(describe(failure)), describe(failure));
            }
        });
    }

    private static String describe(Exception failure) {
        return switch (failure) {
            case ChildStartException e -> "Could not start the program: " + e.getMessage()
                    + ". Check the command and the working folder in the profile.";
            case LaunchFileException e -> "The profile cannot be used: " + e.getMessage();
            default -> Failures.describe(failure);
        };
    }

    private void granted(GrantedEnds.Ends ends) {
        Optional<Instant> end = ends.earliest();
        earliestEnd = end;
        grantScope = ends.grantScope();
        state.set(new State.Running());
        deadlines.accept(this, end);
        tick.cancel();
        tickCountdown();
    }

    private void ended(State how, String message) {
        tick.cancel();
        kill.cancel();
        state.set(how);
        note(message);
        deadlines.accept(this, Optional.empty());
        countdown.set("");
        if (restartWhenEnded) {
            start();
        }
    }

    /** Updates the countdown now and again in a second while the app runs. */
    private void tickCountdown() {
        countdown.set(earliestEnd.map(this::left).orElse("Standing access: nothing it was given expires."));
        if (earliestEnd.isPresent() && state.get() instanceof State.Running) {
            tick = scheduler.after(Duration.ofSeconds(1), this::tickCountdown);
        }
    }

    private String left(Instant end) {
        Duration d = Duration.between(scheduler.clock().instant(), end);
        String at = TIME.format(end.atZone(scheduler.clock().getZone()));
        if (!d.isPositive()) {
            return "What it was given ended at " + at + ".";
        }
        long s = d.toSeconds();
        String clock = s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
        return "Access ends in " + clock + " (at " + at + ").";
    }

    /** Stops the child: SIGTERM, then SIGKILL if it is still there after {@link #STOP_GRACE}. */
    public void stop() {
        Launch current = launch;
        if (current == null || !(state.get() instanceof State.Running)) {
            return;
        }
        note("Stopping " + profile.name() + " …");
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

    private void note(String line) {
        append((console.get().isEmpty() || console.get().endsWith("\n") ? "" : "\n") + "» " + line + "\n");
    }

    private void append(String text) {
        String all = console.get() + text;
        console.set(all.length() > CONSOLE_LIMIT ? all.substring(all.length() - CONSOLE_LIMIT) : all);
    }

    public LaunchProfile profile() {
        return profile;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The child's masked output, with Latchkey's own lines marked {@code »}. */
    public ReadOnlyStringProperty consoleProperty() {
        return console.getReadOnlyProperty();
    }

    /** "Access ends in 12:34 (at 14:32)."; empty before the launch is granted and after it ends. */
    public ReadOnlyStringProperty countdownProperty() {
        return countdown.getReadOnlyProperty();
    }

    /** The scope of the grant that ends first among what this run was given: the one "Extend" asks more time for. */
    public Optional<String> grantToExtend() {
        return state.get() instanceof State.Running ? grantScope : Optional.empty();
    }

    /** The earliest end of what the current run was given, if anything it was given ends. */
    public Optional<Instant> earliestEnd() {
        return earliestEnd;
    }
}
