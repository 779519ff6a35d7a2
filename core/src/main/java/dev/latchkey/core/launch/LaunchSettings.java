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

    /**
     * A builder with the defaults: pipes with input, no stdin, notices dropped, the system clock, an
     * empty parent environment, {@link #DEFAULT_GRACE}, a check every second. Source, output streams,
     * log and folder have no default.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder().source(source).starter(starter).out(out).err(err).in(in).notices(notices).clock(clock)
                .log(log).parentEnv(parentEnv).cwd(cwd).grace(grace).tick(tick)
                .terminalSendsInterrupts(terminalSendsInterrupts);
    }

    /** Builds {@link LaunchSettings} by name instead of by position; {@link #build()} checks what the record checks. */
    public static final class Builder {
        private SecretSource source;
        private ChildStarter starter = ChildStarter.pipesWithInput();
        private OutputStream out;
        private OutputStream err;
        private InputStream in;
        private Consumer<String> notices = line -> { };
        private Clock clock = Clock.systemUTC();
        private LaunchLog log;
        private Map<String, String> parentEnv = Map.of();
        private Path cwd;
        private Duration grace = DEFAULT_GRACE;
        private Duration tick = Duration.ofSeconds(1);
        private boolean terminalSendsInterrupts;

        private Builder() {
        }

        /** Sets {@link LaunchSettings#source()}. */
        public Builder source(SecretSource value) { source = value; return this; }

        /** Sets {@link LaunchSettings#starter()}. */
        public Builder starter(ChildStarter value) { starter = value; return this; }

        /** Sets {@link LaunchSettings#out()}. */
        public Builder out(OutputStream value) { out = value; return this; }

        /** Sets {@link LaunchSettings#err()}. */
        public Builder err(OutputStream value) { err = value; return this; }

        /** Sets {@link LaunchSettings#in()}; null for none. */
        public Builder in(InputStream value) { in = value; return this; }

        /** Sets {@link LaunchSettings#notices()}. */
        public Builder notices(Consumer<String> value) { notices = value; return this; }

        /** Sets {@link LaunchSettings#clock()}. */
        public Builder clock(Clock value) { clock = value; return this; }

        /** Sets {@link LaunchSettings#log()}. */
        public Builder log(LaunchLog value) { log = value; return this; }

        /** Sets {@link LaunchSettings#parentEnv()}. */
        public Builder parentEnv(Map<String, String> value) { parentEnv = value; return this; }

        /** Sets {@link LaunchSettings#cwd()}. */
        public Builder cwd(Path value) { cwd = value; return this; }

        /** Sets {@link LaunchSettings#grace()}. */
        public Builder grace(Duration value) { grace = value; return this; }

        /** Sets {@link LaunchSettings#tick()}. */
        public Builder tick(Duration value) { tick = value; return this; }

        /** Sets {@link LaunchSettings#terminalSendsInterrupts()}. */
        public Builder terminalSendsInterrupts(boolean value) { terminalSendsInterrupts = value; return this; }

        /**
         * The settings.
         *
         * @throws NullPointerException naming a component that is missing
         */
        public LaunchSettings build() {
            return new LaunchSettings(source, starter, out, err, in, notices, clock, log, parentEnv, cwd, grace, tick,
                    terminalSendsInterrupts);
        }
    }
}
