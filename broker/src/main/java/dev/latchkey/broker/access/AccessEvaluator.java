package dev.latchkey.broker.access;

import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.policy.ScopePolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides a caller's {@link AccessState} for a scope: the first read-access source that answers
 * wins (standing before grants, so a standing reader never sees an end time); otherwise the
 * policy says whether the scope can be requested.
 */
public final class AccessEvaluator {

    private final List<ReadAccessSource> sources;
    private final Clock clock;

    public AccessEvaluator(List<ReadAccessSource> sources, Clock clock) {
        this.sources = List.copyOf(sources);
        this.clock = clock;
    }

    /** The instant access is decided at now: callers that look closer at a grant use the same clock. */
    public Instant now() {
        return clock.instant();
    }

    /** The caller's access to a scope they may browse; empty when they may not even see it. */
    public Optional<AccessState> evaluate(Caller caller, ScopePolicy scope) {
        if (!scope.mayBrowse(caller.groups())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        for (ReadAccessSource source : sources) {
            Optional<AccessState> access = source.readAccess(caller, scope, now);
            if (access.isPresent()) {
                return access;
            }
        }
        if (scope.mayRequest(caller.groups()) && scope.maxRequest().isPresent()) {
            return Optional.of(new AccessState.Requestable(scope.maxRequest().get(),
                    scope.autoApprovedUpTo(caller.groups())));
        }
        return Optional.of(new AccessState.None());
    }
}
