package dev.latchkey.app.launcher;

import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A {@link SecretSource} that passes every resolution through unchanged and tells the app when
 * the earliest of what was given ends (a grant's end, a sandbox token's expiry), for the
 * launch's countdown. It reads only end times: values and tokens never leave core's answer.
 */
final class GrantedEnds implements SecretSource {

    private final SecretSource inner;
    private final Consumer<Optional<Instant>> earliestEnd;

    /** @param earliestEnd told after each granted resolution; empty when everything given is standing */
    GrantedEnds(SecretSource inner, Consumer<Optional<Instant>> earliestEnd) {
        this.inner = inner;
        this.earliestEnd = earliestEnd;
    }

    @Override
    public Resolution resolve(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes) throws BrokerException {
        Resolution r = inner.resolve(refs, sandboxes);
        if (r instanceof Resolution.Granted g) {
            earliestEnd.accept(Stream.concat(
                    g.secrets().values().stream().flatMap(s -> s.accessEnds().stream()),
                    g.sandboxTokens().values().stream().map(t -> t.expiresAt()))
                    .min(Instant::compareTo));
        }
        return r;
    }
}
