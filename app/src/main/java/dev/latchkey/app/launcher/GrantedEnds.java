package dev.latchkey.app.launcher;

import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.launch.Deadlines;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A {@link SecretSource} that passes every resolution through unchanged and tells the app what of
 * it ends: one item per grant and per sandbox token ({@link Deadlines}, the same items the launch's
 * expiry clock watches), for the launch's countdown. Values and tokens never leave core's answer.
 */
final class GrantedEnds implements SecretSource {

    private final SecretSource inner;
    private final BiConsumer<Set<SecretRef>, List<Expiring>> deadlines;

    /** @param deadlines told after each granted resolution: the references asked for, and what of them ends */
    GrantedEnds(SecretSource inner, BiConsumer<Set<SecretRef>, List<Expiring>> deadlines) {
        this.inner = inner;
        this.deadlines = deadlines;
    }

    @Override
    public Resolution resolve(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes) throws BrokerException {
        Resolution r = inner.resolve(refs, sandboxes);
        if (r instanceof Resolution.Granted g) {
            deadlines.accept(Set.copyOf(refs), Deadlines.of(g));
        }
        return r;
    }
}
