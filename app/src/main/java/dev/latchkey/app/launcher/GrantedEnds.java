package dev.latchkey.app.launcher;

import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.launch.Deadlines;
import dev.latchkey.core.launch.OfflineStart;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link SecretSource} that passes every resolution through unchanged and tells the app what of
 * it ends: one item per grant and per sandbox token ({@link Deadlines}, the same items the launch's
 * expiry clock watches), for the launch's countdown, and whether it was started offline with kept
 * sandbox tokens. Values and tokens never leave core's answer.
 */
final class GrantedEnds implements SecretSource {

    /** Told after each granted resolution. */
    @FunctionalInterface
    interface Listener {
        /**
         * @param refs the references asked for
         * @param ends what of them ends
         * @param offline present when the broker was unreachable and kept sandbox tokens were given instead
         */
        void granted(Set<SecretRef> refs, List<Expiring> ends, Optional<OfflineStart> offline);
    }

    private final SecretSource inner;
    private final Listener deadlines;

    GrantedEnds(SecretSource inner, Listener deadlines) {
        this.inner = inner;
        this.deadlines = deadlines;
    }

    @Override
    public Resolution resolve(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes) throws BrokerException {
        Resolution r = inner.resolve(refs, sandboxes);
        if (r instanceof Resolution.Granted g) {
            deadlines.granted(Set.copyOf(refs), Deadlines.of(g), g.offline());
        }
        return r;
    }
}
