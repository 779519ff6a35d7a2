package dev.latchkey.broker.policy;

import dev.latchkey.grammar.Durations;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request from a member of {@code groups} for at most {@code upTo} is approved without a reviewer.
 *
 * @param name what audit rows and API answers call the rule ({@code decidedBy: policy:<name>})
 * @param groups who the rule applies to
 * @param upTo the longest request it approves
 */
public record AutoApproval(String name, Set<String> groups, Duration upTo) {

    public AutoApproval {
        groups = Set.copyOf(groups);
    }

    /** A rule with the name a policy file gives it when it names none. */
    public AutoApproval(ScopeId scope, Set<String> groups, Duration upTo) {
        this(defaultName(scope, groups, upTo), groups, upTo);
    }

    /** {@code <scope> auto-approve <groups> up to <upTo>}, groups in name order. */
    public static String defaultName(ScopeId scope, Set<String> groups, Duration upTo) {
        return scope + " auto-approve " + String.join(",", new TreeSet<>(groups)) + " up to " + Durations.format(upTo);
    }
}
