package dev.latchkey.core.internal.guard;

import dev.latchkey.core.guard.LeakGuard;
import java.util.Objects;

/**
 * Internal code's way into a {@link LeakGuard}'s package-private parts, so the guard keeps no
 * public method for them: the guard hands over its {@link Door} when its class loads (the pattern
 * of OkHttp 3's {@code Internal.instance} and the JDK's {@code SharedSecrets}). A guard instance
 * exists only after that, so whoever holds one finds the door open.
 */
public final class GuardAccess {

    /** What a guard shows internal code. */
    public interface Door {

        /** The keychain, files, clock and background thread the guard's scans use. */
        ScanContext scanContext(LeakGuard guard);

        /** The git executable the guard runs. */
        String git(LeakGuard guard);
    }

    private static volatile Door door;

    private GuardAccess() {
    }

    /** Called once, by {@link LeakGuard}'s static initializer. */
    public static void open(Door guardsDoor) {
        door = Objects.requireNonNull(guardsDoor);
    }

    static Door door() {
        Door d = door;
        if (d == null) {
            throw new IllegalStateException("LeakGuard has not loaded yet");
        }
        return d;
    }
}
