package dev.latchkey.broker.access;

import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.policy.ScopePolicy;
import java.time.Instant;
import java.util.Optional;

/**
 * One reason a caller may read a scope now. The policy's standing access is one source; grants
 * from approved access requests are another, plugged in beside it.
 */
public interface ReadAccessSource {

    /** Read access {@code caller} has to {@code scope} at {@code now}, if this source gives any. */
    Optional<AccessState> readAccess(Caller caller, ScopePolicy scope, Instant now);

    /** Standing access: the caller is in one of the scope's {@code read} groups. */
    ReadAccessSource STANDING = (caller, scope, now) ->
            scope.mayRead(caller.groups()) ? Optional.of(new AccessState.Standing()) : Optional.empty();
}
