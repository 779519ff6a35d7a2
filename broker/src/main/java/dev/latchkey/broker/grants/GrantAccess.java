package dev.latchkey.broker.grants;

import dev.latchkey.broker.access.AccessState;
import dev.latchkey.broker.access.ReadAccessSource;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.policy.ScopePolicy;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Read access from grants, decided at the instant of the call: a grant counts from its start up
 * to, not including, its end, and not at all once revoked. Grants that follow one another without
 * a gap (an extension starts where the grant it extends ends) count as one, so {@code until} is
 * the end of the whole run.
 */
public final class GrantAccess implements ReadAccessSource {

    private final GrantStore grants;

    public GrantAccess(GrantStore grants) {
        this.grants = grants;
    }

    @Override
    public Optional<AccessState> readAccess(Caller caller, ScopePolicy scope, Instant now) {
        List<Grant> live = grants.live(caller.subject(), scope.id(), now);
        Set<String> secrets = new HashSet<>();
        boolean wholeScope = false;
        Instant until = null;
        for (Grant g : live) {
            if (g.activeAt(now)) {
                wholeScope |= g.secrets().isEmpty();
                secrets.addAll(g.secrets());
                until = until == null || g.endsAt().isAfter(until) ? g.endsAt() : until;
            }
        }
        if (until == null) {
            return Optional.empty();
        }
        // live is in start order: a later grant that begins by the current end continues the run.
        for (Grant g : live) {
            if (!g.startsAt().isAfter(until) && g.endsAt().isAfter(until)) {
                until = g.endsAt();
            }
        }
        List<AccessState.GrantWindow> windows = live.stream().map(g -> new AccessState.GrantWindow(g.id(), g.requestId(),
                g.secrets(), g.startsAt(), g.endsAt())).toList();
        return Optional.of(new AccessState.Granted(until, wholeScope ? Set.of() : secrets, windows));
    }
}
