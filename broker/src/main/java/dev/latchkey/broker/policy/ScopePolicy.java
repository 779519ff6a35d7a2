package dev.latchkey.broker.policy;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
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
 * @param justification what a request's justification must look like
 * @param reviewSla how soon reviewers are expected to decide a request (a measure, not a deadline)
 * @param requestTtl how long a request may stay undecided before it expires
 * @param confirm whether clients ask their user before a launch reads the scope ({@code confirm: true});
 *     the broker only tells them, in its scopes listing
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
        List<SecretDecl> secrets,
        JustificationRule justification,
        Duration reviewSla,
        Duration requestTtl,
        boolean confirm) {

    /** How soon a request should be decided when the policy says nothing. */
    public static final Duration DEFAULT_REVIEW_SLA = Duration.ofHours(4);
    /** How long a request waits for a decision when the policy says nothing. */
    public static final Duration DEFAULT_REQUEST_TTL = Duration.ofHours(24);

    public ScopePolicy {
        browse = Set.copyOf(browse);
        read = Set.copyOf(read);
        request = Set.copyOf(request);
        approve = Set.copyOf(approve);
        autoApprove = List.copyOf(autoApprove);
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(reviewSla, "reviewSla");
        Objects.requireNonNull(requestTtl, "requestTtl");
    }

    /** A scope with the default justification rule, review SLA and request TTL. */
    public ScopePolicy(ScopeId id, String description, Set<String> browse, Set<String> read, Set<String> request,
            Set<String> approve, Optional<Duration> maxRequest, List<AutoApproval> autoApprove,
            List<SecretDecl> secrets) {
        this(id, description, browse, read, request, approve, maxRequest, autoApprove, secrets,
                JustificationRule.ANY, DEFAULT_REVIEW_SLA, DEFAULT_REQUEST_TTL, false);
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

    /**
     * The first rule, in file order, that approves a request from {@code groups} for {@code duration}
     * without a reviewer.
     */
    public Optional<AutoApproval> autoApproval(Collection<String> groups, Duration duration) {
        return autoApprove.stream().filter(rule -> intersects(groups, rule.groups()))
                .filter(rule -> duration.compareTo(rule.upTo()) <= 0).findFirst();
    }

    public Optional<SecretDecl> secret(String name) {
        return secrets.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static boolean intersects(Collection<String> a, Set<String> b) {
        return !Collections.disjoint(a, b);
    }
}
