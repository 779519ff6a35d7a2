package dev.latchkey.core.launch.profile;

import java.util.Locale;

/** What a launch does when an injected credential ends while the child runs. */
public enum OnExpiry {
    /** Warn at 15, 5 and 1 minutes before, then let the child run on with a dead credential. */
    WARN,
    /** Resolve again (new sandbox tokens) and restart the child: SIGTERM, SIGKILL after a grace period. */
    RESTART,
    /** Stop the child when the credential ends: SIGTERM, SIGKILL after a grace period. */
    STOP;

    /** Parses {@code warn}, {@code restart} or {@code stop}. */
    public static OnExpiry parse(String text) {
        for (OnExpiry mode : values()) {
            if (mode.name().equalsIgnoreCase(text.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an expiry mode; use warn, restart or stop");
    }

    /** The lower-case name users type. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
