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
    /**
     * When what a launch was given ends.
     *
     * @param earliest the earliest end of anything given; empty when all of it is standing access
     * @param grantScope the scope of the grant that ends first, if any was given through a grant
     */
    record Ends(Optional<Instant> earliest, Optional<String> grantScope) {
    }

    private final Consumer<Ends> earliestEnd;

    /** @param earliestEnd told after each granted resolution */
    GrantedEnds(SecretSource inner, Consumer<Ends> earliestEnd) {
        this.inner = inner;
        this.earliestEnd = earliestEnd;
    }

    @Override
    public Resolution resolve(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes) throws BrokerException {
        Resolution r = inner.resolve(refs, sandboxes);
        if (r instanceof Resolution.Granted g) {
            Optional<Instant> earliest = Stream.concat(
                    g.secrets().values().stream().flatMap(s -> s.accessEnds().stream()),
                    g.sandboxTokens().values().stream().map(t -> t.expiresAt()))
                    .min(Instant::compareTo);
            Optional<String> grantScope = g.secrets().values().stream().filter(s -> s.accessEnds().isPresent())
                    .min(java.util.Comparator.comparing(s -> s.accessEnds().orElseThrow()))
                    .map(s -> s.ref().scope());
            earliestEnd.accept(new Ends(earliest, grantScope));
        }
        return r;
    }
}
