package dev.latchkey.core.launch;

import dev.latchkey.core.brokerapi.ResolvedSecret;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The access a read used: a scope and the grant that covered it (empty for standing access, or
 * from a broker that does not say). Names only.
 *
 * @param scope the scope read from, {@code team/env}
 * @param grantId the grant's id, the one the app's requests page shows
 */
public record GrantUse(String scope, Optional<String> grantId) {

    public GrantUse {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(grantId, "grantId");
    }

    // equals and hashCode written out: a record's own are made at run time (ObjectMethods) on first use,
    // which the AOT cache cannot hold; every launch's record gathers its grants in a set.
    @Override
    public boolean equals(Object o) {
        return o instanceof GrantUse g && scope.equals(g.scope) && grantId.equals(g.grantId);
    }

    @Override
    public int hashCode() {
        return scope.hashCode() * 31 + grantId.hashCode();
    }

    /** The grants behind {@code secrets}, each once, in the order first met. */
    public static List<GrantUse> of(Collection<ResolvedSecret> secrets) {
        LinkedHashSet<GrantUse> uses = new LinkedHashSet<>();
        for (ResolvedSecret s : secrets) {
            uses.add(new GrantUse(s.ref().scope(), s.grantId()));
        }
        return List.copyOf(uses);
    }
}
