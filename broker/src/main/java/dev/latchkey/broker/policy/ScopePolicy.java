package dev.latchkey.broker.policy;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the policy says about one scope.
 *
 * @param id the scope
 * @param description what the scope is
 * @param browse groups that may see the scope and its secrets' metadata
 * @param read groups with standing access to its values
 * @param request groups that may ask for time-boxed access
 * @param approve groups that review those requests
 * @param maxRequest the longest access a request may ask for
 * @param autoApprove rules under which a request needs no reviewer
 * @param secrets declared secrets, in file order
 */
public record ScopePolicy(
        ScopeId id,
        String description,
        Set<String> browse,
        Set<String> read,
        Set<String> request,
        Set<String> approve,
        Optional<Duration> maxRequest,
        List<AutoApproval> autoApprove,
        List<SecretDecl> secrets) {

    public ScopePolicy {
        browse = Set.copyOf(browse);
        read = Set.copyOf(read);
        request = Set.copyOf(request);
        approve = Set.copyOf(approve);
        autoApprove = List.copyOf(autoApprove);
        secrets = List.copyOf(secrets);
    }

    /** Seeing a scope follows from any role in it: browse, read, request or approve. */
    public boolean mayBrowse(Collection<String> groups) {
        return intersects(groups, browse) || intersects(groups, read) || intersects(groups, request)
                || intersects(groups, approve);
    }

    public boolean mayRead(Collection<String> groups) {
        return intersects(groups, read);
    }

    public boolean mayRequest(Collection<String> groups) {
        return intersects(groups, request);
    }

    public boolean mayApprove(Collection<String> groups) {
        return intersects(groups, approve);
    }

    /** The longest request {@code groups} would have approved without a reviewer, if any. */
    public Optional<Duration> autoApprovedUpTo(Collection<String> groups) {
        return autoApprove.stream().filter(rule -> intersects(groups, rule.groups()))
                .map(AutoApproval::upTo).max(Duration::compareTo);
    }

    public Optional<SecretDecl> secret(String name) {
        return secrets.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static boolean intersects(Collection<String> a, Set<String> b) {
        return !Collections.disjoint(a, b);
    }
}
