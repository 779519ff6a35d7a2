package dev.latchkey.broker.policy;

import java.time.Duration;
import java.util.Set;

/**
 * A request from a member of {@code groups} for at most {@code upTo} is approved without a reviewer.
 *
 * @param groups who the rule applies to
 * @param upTo the longest request it approves
 */
public record AutoApproval(Set<String> groups, Duration upTo) {
}
