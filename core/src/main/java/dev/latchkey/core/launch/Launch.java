package dev.latchkey.core.launch;

import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.expiry.ExpiryEvent;
import dev.latchkey.core.expiry.ExpiryListener;
import dev.latchkey.core.expiry.ExpiryMonitor;
import dev.latchkey.core.expiry.Thresholds;
import dev.latchkey.core.internal.launch.ChildEnvironment;
import dev.latchkey.core.internal.launch.ChildThreads;
import dev.latchkey.core.internal.launch.ParentChain;
import dev.latchkey.core.internal.launch.mask.LaunchMask;
import dev.latchkey.core.internal.launch.mask.MaskingOutputStream;
import dev.latchkey.core.internal.launch.mask.SecretMask;
import dev.latchkey.core.internal.launch.process.ChildCommand;
import dev.latchkey.core.internal.launch.process.ChildStarts;
import dev.latchkey.core.internal.launch.process.RunningChild;
import dev.latchkey.core.launch.process.ChildStartException;
import dev.latchkey.core.launch.process.PosixSignal;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.OnExpiry;
import dev.latchkey.grammar.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One launch: resolve everything in one call, start the child with the values in its
 * environment, mask its output, watch expiry, forward signals, log the run, return its exit code.
 *
 * <p>Nothing starts unless every reference resolved. Values live only in this object's memory
 * and in the child's environment; they are in no argv, no log line and no message.
 */
public final class Launch {

    /** How a launch ended. */
    public sealed interface Outcome {
        /** The child ran and ended with {@code exitCode} (128+n for signal n). */
        record Exited(int exitCode, long pid) implements Outcome {
        }

        /** References were refused; nothing started. */
        record Refused(List<RefusedRef> refused) implements Outcome {
        }
    }

    private final LaunchProfile profile;
    private final LaunchSettings settings;
    private volatile RunningChild child;
    private volatile boolean restartRequested;
    private volatile Optional<String> endNote = Optional.empty();
    private volatile boolean userSignalled;
    private volatile AtomicBoolean currentEndHandled = new AtomicBoolean(true);
    private final LaunchMask masks;
    private final Map<String, String> allValues = new LinkedHashMap<>();
    private final List<ExpiryListener> expiryListeners = new CopyOnWriteArrayList<>();
    private volatile ExpiryMonitor currentWatch;
    private final GrantEnds grantEnds;

    public Launch(LaunchProfile profile, LaunchSettings settings) {
        this.profile = profile;
        this.settings = settings;
        this.masks = new LaunchMask(profile.mask());
        this.grantEnds = new GrantEnds(settings.notices(), () -> currentWatch, () -> child);
    }

    /**
     * Hides these values in the child's output too (when the launch masks at all), from now on and
     * in every restart: values handed to the running child later, such as sandbox tokens re-minted
     * for its refresh endpoint. Call it before the child can read them.
     *
     * @param valuesByName each value by the name shown in its place (its variable)
     */
    public void maskAlso(Map<String, String> valuesByName) {
        masks.also(valuesByName);
    }

    /** The running child's pid, if one runs. */
    public OptionalLong childPid() {
        RunningChild c = child;
        return c == null ? OptionalLong.empty() : OptionalLong.of(c.pid());
    }

    /**
     * Passes a signal that Latchkey received on to the child, once.
     * A terminal's Ctrl-C already reached a piped child in the same process group, so that SIGINT is not sent again.
     */
    public void forward(PosixSignal signal) {
        RunningChild c = child;
        if (c == null || !c.isAlive()) {
            return;
        }
        userSignalled = true;
        if (signal == PosixSignal.INT && settings.terminalSendsInterrupts()) {
            return;
        }
        c.signal(signal);
    }

    /** Passes a new terminal size to the child when it runs in a pseudo-terminal (the CLI calls this on SIGWINCH). */
    public void resize(int columns, int rows) {
        RunningChild c = child;
        if (c != null && c.isAlive()) {
            c.resize(columns, rows);
        }
    }

    /** Runs the launch to its end. */
    public Outcome run() throws BrokerException, ChildStartException, InterruptedException {
        Map<String, EnvValue> variables = profile.variables();
        ScheduledExecutorService ticker = null;
        ParentChain parents = ParentChain.startReading();
        MaskingOutputStream out = null;
        MaskingOutputStream err = null;
        try {
            int exitCode;
            long pid;
            while (true) {
                Resolution resolution = settings.source().resolve(LaunchProfile.refsOf(variables), profile.sandboxes());
                // Not a pattern switch: its first run generates a class at run time (several ms of every
                // launch's start), which the AOT cache cannot hold. Resolution has these two kinds only.
                if (resolution instanceof Resolution.Refused refused) {
                    if (child == null) {
                        return new Outcome.Refused(refused.refused());
                    }
                    settings.notices().accept("latchkey: cannot restart: " + RefusedRef.message(refused.refused()));
                    return new Outcome.Exited(lastExit, child.pid());
                }
                Resolution.Granted granted = (Resolution.Granted) resolution;
                Map<String, String> values = ChildValues.of(variables, granted, allValues);
                ExpiryMonitor watch = new ExpiryMonitor(settings.clock(), THRESHOLDS);
                List<Expiring> deadlines = Deadlines.of(granted);
                deadlines.forEach(watch::watch);
                expiryListeners.forEach(watch::addListener);
                AtomicBoolean endHandled = new AtomicBoolean();
                SecretMask mask = masks.forStart(allValues);
                if (!mask.tooShortToMask().isEmpty()) {
                    settings.notices().accept("latchkey: not masked (shorter than " + SecretMask.MIN_LENGTH
                            + " bytes): " + String.join(", ", mask.tooShortToMask()));
                }
                ChildThreads.finish(out);
                ChildThreads.finish(err);
                out = masks.wrap(settings.out());
                err = masks.wrap(settings.err());
                Map<String, String> env = ChildEnvironment.build(settings.parentEnv(), profile.pristine(), values);
                ChildCommand command = new ChildCommand(profile.command(),
                        profile.workingFolder().orElse(settings.cwd()), env);
                Instant started = settings.clock().instant();
                RunningChild running = ChildStarts.start(settings.starter(), command);
                child = running;
                currentEndHandled = endHandled;
                currentWatch = watch;
                grantEnds.childStarted();
                Thread pumpOut = ChildThreads.pump(running.stdout(), out, "stdout");
                Thread pumpErr = ChildThreads.pump(running.stderr(), err, "stderr");
                ChildThreads.feed(settings.in(), running);
                // An expiry thread only for a run given something that ends: nothing is added to a run's
                // watch later, so an empty one never has anything to report (a launch without references).
                if (ticker == null && !deadlines.isEmpty()) {
                    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "latchkey-expiry");
                        t.setDaemon(true);
                        return t;
                    });
                }
                var tick = ticker == null ? null : ticker.scheduleAtFixedRate(() -> onTick(watch, endHandled, running), 0,
                        settings.tick().toMillis(), TimeUnit.MILLISECONDS);
                // Output first: pty4j may close the terminal once the child is reaped, losing what it printed last.
                pumpOut.join();
                pumpErr.join();
                exitCode = running.waitFor();
                if (tick != null) {
                    tick.cancel(false);
                }
                pid = running.pid();
                lastExit = exitCode;
                settings.log().append(new LaunchRecord(started, settings.clock().instant(), profile.name(),
                        profile.command().stream().map(masks.current()::apply).toList(),
                        LaunchProfile.refsOf(variables).stream().map(SecretRef::toString).toList(),
                        profile.sandboxes().values().stream().map(s -> s.sandbox()).toList(),
                        pid, exitCode, endNote, command.folder().toString(), parents.get(),
                        GrantUse.of(granted.secrets().values())));
                endNote = Optional.empty();
                if (restartRequested && !userSignalled) {
                    restartRequested = false;
                    settings.notices().accept("latchkey: restarting " + profile.command().getFirst()
                            + " with fresh credentials");
                    continue;
                }
                break;
            }
            return new Outcome.Exited(exitCode, pid);
        } finally {
            if (ticker != null) {
                ticker.shutdownNow();
            }
            ChildThreads.finish(out);
            ChildThreads.finish(err);
        }
    }

    private int lastExit;

    private void onTick(ExpiryMonitor watch, AtomicBoolean endHandled, RunningChild running) {
        for (ExpiryEvent event : watch.check()) {
            switch (event) {
                case ExpiryEvent.Warning w -> settings.notices().accept("latchkey: " + w.item().label()
                        + " ends in " + Durations.format(w.left())
                        + " (at " + w.item().endsAt() + "); on expiry: " + profile.onExpiry().label());
                case ExpiryEvent.Expired e -> onEnd(e.item().label(), endHandled, running);
            }
        }
    }

    /**
     * Also tells {@code listener} of this launch's expiry events (each run's warnings and ends, on
     * the launch's own expiry thread), for a display such as the app's console header. The items
     * are those of {@link Deadlines#of}.
     */
    public void addExpiryListener(ExpiryListener listener) {
        expiryListeners.add(listener);
        ExpiryMonitor watch = currentWatch;
        if (watch != null) {
            watch.addListener(listener);
        }
    }

    /**
     * The broker's grant {@code grantId} of {@code scope} ended before its time (revoked): if this
     * run was given something under it, that ends now, as {@link OnExpiry} says. A run given
     * values of {@code scope} without knowing their grant (an older broker) takes it as its own.
     *
     * @param why what happened, such as {@code revoked by grace: incident over}; names only
     */
    public void grantEnded(String grantId, String scope, String why) {
        grantEnds.ended(grantId, Optional.of(scope), why);
    }

    /**
     * Like {@link #grantEnded} for a grant this run holds by id only: for a re-read of the grants
     * list, where a grant revoked long ago must not end a run that only knows its scope.
     */
    public void heldGrantEnded(String grantId, String why) {
        grantEnds.ended(grantId, Optional.empty(), why);
    }

    /**
     * Something injected stopped working before its time, such as a grant revoked at the broker
     * (the CLI learns it from the event stream): the launch acts as if it had expired now.
     *
     * @param label what ended and why, such as {@code access to payments/prod (grant revoked by grace)}
     */
    public void credentialEnded(String label) {
        RunningChild c = child;
        if (c != null && c.isAlive()) {
            onEnd(label, currentEndHandled, c);
        }
    }

    private void onEnd(String label, AtomicBoolean endHandled, RunningChild running) {
        switch (profile.onExpiry()) {
            case WARN -> settings.notices().accept("latchkey: " + label
                    + " has ended; the program keeps running without working credentials");
            case STOP -> {
                // The first end stops the program; later ends in the same run have nothing left to stop.
                if (endHandled.compareAndSet(false, true)) {
                    settings.notices().accept("latchkey: " + label + " has ended; stopping the program");
                    endNote = Optional.of("stopped: " + label + " ended");
                    ChildThreads.stop(running, settings.grace());
                }
            }
            case RESTART -> {
                if (endHandled.compareAndSet(false, true)) {
                    endNote = Optional.of("restarted: " + label + " ended");
                    restartRequested = true;
                    ChildThreads.stop(running, settings.grace());
                }
            }
        }
    }

    /** A launch warns 15, 5 and 1 minute before each injected credential ends, on the one expiry clock. */
    static final Thresholds THRESHOLDS = new Thresholds(List.of(Duration.ofMinutes(15), Duration.ofMinutes(5),
            Duration.ofMinutes(1)));

    /** Which expiry behaviour the launch has (for the app's display). */
    public OnExpiry onExpiry() {
        return profile.onExpiry();
    }
}
