package dev.latchkey.broker.policy;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The whole policy, as loaded from one file: immutable, swapped whole on reload.
 *
 * @param source where it came from (a file path or a resource name), for messages
 * @param admins groups that may write secrets, reload the policy and read the audit log
 * @param scopes every scope, by id
 * @param sandboxes every sandbox, by name
 */
public record Policy(String source, Set<String> admins, Map<ScopeId, ScopePolicy> scopes,
        Map<String, SandboxPolicy> sandboxes) {

    public Policy {
        admins = Set.copyOf(admins);
        scopes = Collections.unmodifiableMap(new TreeMap<>(scopes));
        sandboxes = Collections.unmodifiableMap(new TreeMap<>(sandboxes));
    }

    /** A policy without sandboxes. */
    public Policy(String source, Set<String> admins, Map<ScopeId, ScopePolicy> scopes) {
        this(source, admins, scopes, Map.of());
    }

    public Optional<SandboxPolicy> sandbox(String name) {
        return Optional.ofNullable(sandboxes.get(name));
    }

    public Optional<ScopePolicy> scope(ScopeId id) {
        return Optional.ofNullable(scopes.get(id));
    }

    public boolean isAdmin(Collection<String> groups) {
        return !Collections.disjoint(groups, admins);
    }

    /** The same policy with one more scope (dev mode's generated bulk scope). */
    public Policy withScope(ScopePolicy scope) {
        Map<ScopeId, ScopePolicy> more = new TreeMap<>(scopes);
        more.put(scope.id(), scope);
        return new Policy(source, admins, more, sandboxes);
    }

    /** Scopes in name order. */
    public List<ScopePolicy> orderedScopes() {
        return List.copyOf(scopes.values());
    }
}
