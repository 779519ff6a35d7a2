package dev.latchkey.core.internal.launch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a child's environment from the parent's and the launch's variables.
 *
 * <p>Latchkey's own variables (every {@code LATCHKEY_*}) never reach a child: they may carry a
 * broker URL with credentials or a session token for tests. A pristine launch starts from a
 * minimal base instead of everything the parent has.
 */
public final class ChildEnvironment {

    /** What a pristine launch keeps from the parent on Linux and macOS. */
    public static final List<String> PRISTINE_BASE = List.of("PATH", "HOME", "USER", "LANG", "TERM", "TMPDIR");

    /** The Windows equivalents a pristine launch also keeps (programs there fail without them). */
    public static final List<String> PRISTINE_BASE_WINDOWS =
            List.of("SystemRoot", "ComSpec", "PATHEXT", "TEMP", "TMP", "USERPROFILE", "USERNAME");

    /**
     * The only {@code LATCHKEY_*} names a launch may give its child: its own refresh endpoint and
     * that endpoint's per-launch token (never a token of the parent's).
     */
    public static final List<String> LAUNCH_VARIABLES = List.of("LATCHKEY_CREDENTIALS_URL", "LATCHKEY_CREDENTIALS_TOKEN");

    private ChildEnvironment() {
    }

    /**
     * The environment for a child.
     *
     * @param parent the parent's environment (normally {@link System#getenv()})
     * @param pristine keep only the base variables of the parent
     * @param variables the launch's variables, values already resolved; they win over the parent's
     */
    public static Map<String, String> build(Map<String, String> parent, boolean pristine, Map<String, String> variables) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : parent.entrySet()) {
            if (isLatchkeys(e.getKey())) {
                continue;
            }
            if (!pristine || PRISTINE_BASE.contains(e.getKey()) || PRISTINE_BASE_WINDOWS.contains(e.getKey())) {
                env.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : variables.entrySet()) {
            if (isLatchkeys(e.getKey()) && !LAUNCH_VARIABLES.contains(e.getKey())) {
                throw new IllegalArgumentException(e.getKey() + ": LATCHKEY_* names are Latchkey's own and never passed to a child");
            }
            env.put(e.getKey(), e.getValue());
        }
        return env;
    }

    /** True for a variable that belongs to Latchkey itself. */
    public static boolean isLatchkeys(String name) {
        return name.toUpperCase(Locale.ROOT).startsWith("LATCHKEY_");
    }
}
