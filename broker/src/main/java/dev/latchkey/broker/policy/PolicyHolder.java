package dev.latchkey.broker.policy;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The policy in force. Requests read it once ({@link #current()}) and keep that snapshot, so a
 * reload never changes the rules under a request in flight; a reload that fails leaves the old
 * policy in force, whole.
 */
public final class PolicyHolder {

    private final Supplier<Policy> source;
    private final AtomicReference<Policy> current;

    /** Loads the first policy from {@code source} now; throws {@link PolicyException} if it is bad. */
    public PolicyHolder(Supplier<Policy> source) {
        this.source = Objects.requireNonNull(source, "source");
        this.current = new AtomicReference<>(source.get());
    }

    public Policy current() {
        return current.get();
    }

    /**
     * Loads the policy again and puts it in force.
     *
     * @return the new policy
     * @throws PolicyException when the file is bad; the old policy stays in force
     */
    public synchronized Policy reload() {
        Policy next = source.get();
        current.set(next);
        return next;
    }
}
