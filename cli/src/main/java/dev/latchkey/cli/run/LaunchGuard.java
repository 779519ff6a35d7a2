package dev.latchkey.cli.run;

import dev.latchkey.core.guard.LeakGuard;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A launch's leak guard, made only when the launch fetches values itself: through a running agent,
 * which records what it serves, the guard (its fingerprint file and key) is never made, so a launch
 * through the agent opens no keychain for it.
 */
final class LaunchGuard {

    private final Supplier<LeakGuard> make;
    private LeakGuard made;

    LaunchGuard(Supplier<LeakGuard> make) {
        this.make = make;
    }

    /** The guard, made on first use. */
    synchronized LeakGuard get() {
        if (made == null) {
            made = make.get();
        }
        return made;
    }

    /** Waits up to {@code bound} for the values it records, if it was made ({@link LeakGuard#awaitRecording}). */
    void awaitRecording(Duration bound) {
        LeakGuard g;
        synchronized (this) {
            g = made;
        }
        if (g != null) {
            g.awaitRecording(bound);
        }
    }
}
