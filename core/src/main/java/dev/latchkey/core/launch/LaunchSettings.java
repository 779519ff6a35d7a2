package dev.latchkey.core.launch;

import dev.latchkey.core.launch.process.ChildStarter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a launch runs, apart from what it runs (that is the profile).
 *
 * @param source where values come from
 * @param starter pipes, inherited streams, or a PTY
 * @param out where the child's (masked) stdout goes
 * @param err where the child's (masked) stderr goes
 * @param in what is copied to the child's stdin when the starter gives it a pipe or a PTY; null for none
 * @param notices Latchkey's own messages during the run (expiry warnings, restarts), one line each, no values
 * @param clock the time expiry is measured against
 * @param log the launch log
 * @param parentEnv the environment the child's is built from
 * @param cwd the folder a profile without a working folder starts in
 * @param grace how long a child has after SIGTERM before SIGKILL (stop and restart)
 * @param tick how often expiry is checked
 * @param terminalSendsInterrupts true when a terminal's Ctrl-C already reaches a piped child
 *        (same process group), so SIGINT is not forwarded a second time
 */
public record LaunchSettings(SecretSource source, ChildStarter starter, OutputStream out, OutputStream err, InputStream in,
                             Consumer<String> notices, Clock clock, LaunchLog log, Map<String, String> parentEnv, Path cwd,
                             Duration grace, Duration tick, boolean terminalSendsInterrupts) {

    /** The grace period between SIGTERM and SIGKILL when a launch stops or restarts its child. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    public LaunchSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(starter, "starter");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(notices, "notices");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(log, "log");
        parentEnv = Map.copyOf(parentEnv);
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(tick, "tick");
    }
}
