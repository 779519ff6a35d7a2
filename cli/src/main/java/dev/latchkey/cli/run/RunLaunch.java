package dev.latchkey.cli.run;

import dev.latchkey.cli.common.BrokerTarget;
import dev.latchkey.cli.common.CliContext;
import dev.latchkey.cli.common.CliErrors;
import dev.latchkey.cli.common.DurationOption;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.core.agent.EndpointAudit;
import dev.latchkey.core.agent.LaunchCredentials;
import dev.latchkey.core.agent.LaunchEndpoint;
import dev.latchkey.core.brokerapi.InvalidSecretRefException;
import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.Launch;
import dev.latchkey.core.launch.LaunchLog;
import dev.latchkey.core.launch.LaunchSettings;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.process.ChildStarter;
import dev.latchkey.core.launch.process.PosixSignal;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.OnExpiry;
import dev.latchkey.core.launch.profile.ProjectFile;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One {@code latchkey run}: the launch its {@link RunOptions} ask for, however they were read
 * (picocli's {@link RunCommand}, or {@link RunArgs} on the daily path without a command model).
 */
public final class RunLaunch {

    private final RunOptions o;
    private final CliContext ctx;
    private final PrintWriter err;

    RunLaunch(RunOptions options, CliContext ctx, PrintWriter err) {
        this.o = options;
        this.ctx = ctx;
        this.err = err;
    }

    /**
     * Runs {@code options} as {@code latchkey run} does, a failure reported on {@code err} as the
     * command line reports one ({@link CliErrors#print}).
     *
     * @return the exit code
     */
    public static int execute(RunOptions options, CliContext ctx, PrintWriter err) {
        try {
            return new RunLaunch(options, ctx, err).call();
        } catch (Exception e) {
            return CliErrors.print(e, err, options.debug());
        }
    }

    /** Launches the command and waits for it: its exit code, or a failure for the caller to report. */
    int call() throws Exception {
        openTheClassPathAhead();
        LaunchProfile p = profile();
        Consumer<String> notices = line -> {
            err.println(line);
            err.flush();
        };
        LaunchGuard guard = LaunchSources.asksTheBroker(p) ? new LaunchGuard(ctx.guard()) : null;
        SecretSource source = LaunchSources.of(p, o.broker(), ctx, notices, guard);
        AtomicReference<Launch> started = new AtomicReference<>();
        LaunchCredentials credentials = null;
        LaunchEndpoint endpoint = null;
        if (wantsEndpoint() && source != SecretSource.NONE) {
            credentials = new LaunchCredentials(source, p.variables(), ctx.clock(), notices);
            endpoint = LaunchEndpoint.open(credentials, () -> started.get() == null ? OptionalLong.empty()
                    : started.get().childPid(), notices, new EndpointAudit(LaunchLog.inStateFolder(ctx.env()), p.name(),
                    ctx.clock(), notices));
            source = credentials;
            Map<String, EnvValue> vars = new LinkedHashMap<>();
            endpoint.childVariables().forEach((k, v) -> vars.put(k, new EnvValue.Plain(v)));
            p = p.plusEnv(vars);
        }
        boolean pty = ctx.terminal() && p.mask();
        ChildStarter starter;
        if (!p.mask() && ctx.terminal()) {
            // Nothing to hide: the child gets the real terminal, not a copy of it.
            starter = ChildStarter.inherited();
        } else if (pty) {
            int[] size = TerminalMode.size();
            starter = ChildStarter.pty(size[0], size[1]);
        } else {
            starter = ChildStarter.pipes();
        }
        LaunchSettings settings = LaunchSettings.builder().source(source).starter(starter).out(ctx.childOut())
                .err(ctx.childErr()).in(pty ? ctx.childIn() : null).notices(notices).clock(ctx.clock())
                .log(LaunchLog.inStateFolder(ctx.env())).parentEnv(ctx.env()).cwd(ctx.cwd())
                .terminalSendsInterrupts(ctx.terminal() && !pty).build();
        Launch launch = new Launch(p, settings);
        started.set(launch);
        if (credentials != null) {
            // A token re-minted for the endpoint is as secret as the first: the child may print it too.
            credentials.onNewValues(launch::maskAlso);
        }
        Launch.Outcome outcome;
        SignalRelay relay = SignalRelay.install(signal -> forward(launch, signal), () -> {
            if (pty) {
                int[] now = TerminalMode.size();
                launch.resize(now[0], now[1]);
            }
        });
        TerminalMode mode = pty ? TerminalMode.raw() : null;
        Set<String> scopes = LaunchProfile.refsOf(p.variables()).stream().map(SecretRef::scope)
                .collect(Collectors.toCollection(TreeSet::new));
        RevocationWatch revocations = scopes.isEmpty() ? null
                : RevocationWatch.startInBackground(() -> BrokerTarget.client(o.broker(), ctx), scopes, launch,
                        credentials == null ? () -> { } : credentials::refreshNow);
        try {
            outcome = launch.run();
        } finally {
            if (endpoint != null) {
                endpoint.close();
                credentials.close();
            }
            if (revocations != null) {
                revocations.close();
            }
            if (mode != null) {
                mode.close();
            }
            relay.close();
            if (guard != null) {
                guard.awaitRecording(RECORDING_WAIT);
            }
        }
        // Not a pattern switch: its first run generates a class at run time (the AOT cache cannot hold
        // one), between the child's end and the CLI's.
        if (outcome instanceof Launch.Outcome.Refused r) {
            throw new CliErrors.Failure(ExitCodes.ACCESS_DENIED, RefusedRef.message(r.refused()), hint(r.refused()));
        }
        return ((Launch.Outcome.Exited) outcome).exitCode();
    }

    /**
     * The JDK's first {@code ProcessBuilder.start} asks for a logger, and that first asks every jar on
     * the class path whether it brings a logging backend: each jar opened and indexed (about 15 ms on
     * the CLI's class path, whose classes otherwise come from the AOT cache), between the values'
     * arrival and the child's start. The same question asked here, on a thread of its own while the
     * values are resolved, leaves the jars open and indexed for it.
     */
    private static void openTheClassPathAhead() {
        Thread.ofPlatform().daemon().name("latchkey-class-path").start(() -> {
            try {
                Enumeration<URL> found = ClassLoader.getSystemClassLoader()
                        .getResources("META-INF/services/java.lang.System$LoggerFinder");
                while (found.hasMoreElements()) {
                    found.nextElement();
                }
            } catch (IOException e) {
                // Only time is at stake: the start asks again.
            }
        });
    }

    /**
     * Passes a signal to the child. One that arrives before the launch knows its child (the child
     * may be starting this very moment) waits a moment for it; if no child comes, the launch was
     * still resolving and the person wants out: exit as the signal would have ended us.
     */
    private static void forward(Launch launch, PosixSignal signal) {
        if (launch.childPid().isPresent()) {
            launch.forward(signal);
            return;
        }
        Thread.ofPlatform().daemon().name("latchkey-early-signal").start(() -> {
            long until = System.nanoTime() + EARLY_SIGNAL_WAIT.toNanos();
            try {
                while (launch.childPid().isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (launch.childPid().isPresent()) {
                launch.forward(signal);
            } else {
                System.exit(128 + signal.number());
            }
        });
    }

    private static final Duration EARLY_SIGNAL_WAIT = Duration.ofSeconds(2);
    private static String hint(List<RefusedRef> refused) {
        if (refused.stream().anyMatch(x -> x.fixCommand().isPresent())) {
            return "run the latchkey request command above, then this command again";
        }
        if (refused.stream().allMatch(x -> switch (x.why()) {
            case NOT_APPROVED, APPROVAL_TIMED_OUT, NO_APPROVER -> true;
            default -> false;
        })) {
            return "run it again where you can approve it: in a terminal, or with the Latchkey app running";
        }
        return "ask the scope's owners for access";
    }

    /** How long a launch that ended waits for its values' fingerprints to be written. */
    private static final Duration RECORDING_WAIT = Duration.ofSeconds(5);

    private boolean wantsEndpoint() {
        if (o.refreshEndpoint()) {
            return true;
        }
        if (o.profile() == null) {
            return false;
        }
        Path file = o.project() != null ? ctx.cwd().resolve(o.project()) : ctx.cwd().resolve(ProjectFile.NAME);
        return ProjectFile.read(file).refreshEndpoint(o.profile());
    }

    private LaunchProfile profile() {
        LaunchProfile p;
        if (o.profile() != null) {
            Path file = o.project() != null ? ctx.cwd().resolve(o.project()) : ctx.cwd().resolve(ProjectFile.NAME);
            if (!Files.exists(file)) {
                throw new CliErrors.Failure(ExitCodes.USAGE, "no " + file.getFileName() + " in " + file.getParent(),
                        "create one with [profiles." + o.profile() + "] or run without --profile");
            }
            p = ProjectFile.read(file).profile(o.profile());
            if (!o.command().isEmpty()) {
                p = p.withCommand(o.command());
            }
        } else {
            if (o.command().isEmpty()) {
                throw new CliErrors.Failure(ExitCodes.USAGE, "no command to run",
                        "write it after --, such as: latchkey run --env A=latchkey://team/dev/a -- ./server");
            }
            p = LaunchProfile.forCommand(o.command());
        }
        p = p.plusEnvFiles(o.envFiles().stream().map(ctx.cwd()::resolve).toList())
                .plusEnv(pairs())
                .plusSandboxes(sandboxRequests());
        OnExpiry mode = o.onExpiry() == null ? p.onExpiry() : OnExpiry.parse(o.onExpiry());
        return p.with(p.mask() && !o.noMask(), p.pristine() || o.pristine(), mode);
    }

    private Map<String, EnvValue> pairs() {
        Map<String, EnvValue> out = new LinkedHashMap<>();
        for (String pair : o.env()) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CliErrors.Failure(ExitCodes.USAGE, "--env " + pair + ": expected VAR=reference or VAR=value",
                        "such as --env DB_URL=latchkey://payments/dev/db-url");
            }
            String value = pair.substring(eq + 1);
            try {
                out.put(pair.substring(0, eq), EnvValue.of(value));
            } catch (InvalidSecretRefException e) {
                throw new CliErrors.Failure(ExitCodes.USAGE, "--env " + pair.substring(0, eq) + ": " + e.getMessage(),
                        "a reference looks like latchkey://team/env/name");
            }
        }
        return out;
    }

    private Map<String, SandboxRequest> sandboxRequests() {
        Map<String, SandboxRequest> out = new LinkedHashMap<>();
        for (String s : o.sandboxes()) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new CliErrors.Failure(ExitCodes.USAGE, "--sandbox " + s + ": expected VAR=NAME[:TTL]",
                        "such as --sandbox STRIPE_KEY=stripe-test:30m");
            }
            String rest = s.substring(eq + 1);
            int colon = rest.lastIndexOf(':');
            Duration ttl = colon < 0 ? SandboxRequest.DEFAULT_TTL
                    : DurationOption.parse("--sandbox " + s, rest.substring(colon + 1));
            out.put(s.substring(0, eq), new SandboxRequest(colon < 0 ? rest : rest.substring(0, colon), ttl));
        }
        return out;
    }
}
