package dev.latchkey.broker.requests;

import dev.latchkey.broker.policy.ScopePolicy;
import java.util.Set;

/** The names of a scope's secrets (declared in the policy or stored): what a request may name. */
@FunctionalInterface
public interface SecretCatalog {

    Set<String> names(ScopePolicy scope);

    /** The secrets the policy declares. */
    SecretCatalog DECLARED = scope -> Set.copyOf(scope.secrets().stream().map(s -> s.name()).toList());
}
