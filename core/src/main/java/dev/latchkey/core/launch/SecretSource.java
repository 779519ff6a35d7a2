package dev.latchkey.core.launch;

import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.util.Map;
import java.util.Set;

/** Where a launch gets its values: the broker, in ONE call per launch (and per restart). */
@FunctionalInterface
public interface SecretSource {

    /** A source for launches with plain values only; any reference is a programming error. */
    SecretSource NONE = (refs, sandboxes) -> {
        if (!refs.isEmpty() || !sandboxes.isEmpty()) {
            throw new IllegalStateException("this launch has references but no broker to resolve them");
        }
        return new Resolution.Granted(Map.of(), Map.of());
    };

    /**
     * Resolves all references and mints all sandbox tokens of a launch at once.
     *
     * @param refs the distinct references
     * @param sandboxes sandbox tokens wanted, by variable
     */
    Resolution resolve(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes) throws BrokerException;
}
