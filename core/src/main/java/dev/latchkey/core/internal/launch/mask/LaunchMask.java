package dev.latchkey.core.internal.launch.mask;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A launch's output masking over its whole life: the values of each (re)start, and every value
 * handed to the child later (a sandbox token re-minted for its refresh endpoint), which the
 * running child's streams hide from the moment it is handed over and every later start hides too.
 */
public final class LaunchMask {

    private final boolean on;
    private SecretMask later = SecretMask.none();
    private SecretMask current = SecretMask.none();
    private final List<MaskingOutputStream> streams = new ArrayList<>();

    /** @param on false for a launch whose output is not masked ({@code --no-mask}): nothing is ever hidden */
    public LaunchMask(boolean on) {
        this.on = on;
    }

    /** The mask for a (re)start: {@code valuesByName} and every value handed over since the launch began. */
    public synchronized SecretMask forStart(Map<String, String> valuesByName) {
        streams.clear();
        current = on ? SecretMask.of(valuesByName).and(later) : SecretMask.none();
        return current;
    }

    /** {@code out} behind the current mask, widened by every later {@link #also}. */
    public synchronized MaskingOutputStream wrap(OutputStream out) {
        MaskingOutputStream masked = new MaskingOutputStream(out, current);
        streams.add(masked);
        return masked;
    }

    /**
     * Hides {@code valuesByName} too, at once in the running child's streams. Call it before the
     * child can read the values, so nothing it prints of them slips through.
     */
    public synchronized void also(Map<String, String> valuesByName) {
        if (!on || valuesByName.isEmpty()) {
            return;
        }
        SecretMask more = SecretMask.of(valuesByName);
        later = later.and(more);
        current = current.and(more);
        streams.forEach(s -> s.widen(current));
    }

    /** What is hidden now. */
    public synchronized SecretMask current() {
        return current;
    }
}
