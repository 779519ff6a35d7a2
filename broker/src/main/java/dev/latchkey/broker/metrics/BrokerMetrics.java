package dev.latchkey.broker.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The broker's numbers at one instant. Counts and durations only: no user or secret name,
 * value or token appears in them; scope names only label the leak guard's exposure counts.
 *
 * @param requests access requests by their current state, every state present (0 when none)
 * @param autoApproved requests an auto-approval rule decided (counted in {@code requests} too)
 * @param decisionSeconds time from request to a reviewer's decision, over reviewer-decided
 *     requests (auto-approved ones are left out: no reviewer was involved)
 * @param decidedWithinSla the share of reviewer-decided and expired requests that a reviewer
 *     decided within the scope's {@code reviewSla}; empty when there are none
 * @param activeGrants grants in force now (started, not ended, not revoked)
 * @param tokensMinted sandbox tokens minted since the database was created
 * @param introspections token introspection calls since the database was created
 * @param exposuresPrevented leak-guard reports of a secret stopped before a commit or push, by
 *     scope ({@code team/env}): the one place scope names appear
 * @param exposures leak-guard reports of a secret found in a commit that reached a remote, by scope
 */
public record BrokerMetrics(Map<String, Long> requests, long autoApproved, DecisionTimes decisionSeconds,
        OptionalDouble decidedWithinSla, long activeGrants, long tokensMinted, long introspections,
        Map<String, Long> exposuresPrevented, Map<String, Long> exposures) {

    public BrokerMetrics {
        requests = Map.copyOf(requests);
        exposuresPrevented = Collections.unmodifiableMap(new TreeMap<>(exposuresPrevented));
        exposures = Collections.unmodifiableMap(new TreeMap<>(exposures));
        Objects.requireNonNull(decisionSeconds, "decisionSeconds");
        Objects.requireNonNull(decidedWithinSla, "decidedWithinSla");
    }

    /**
     * How long reviewers took, in seconds.
     *
     * @param p50 the median; empty when nothing was decided
     * @param p95 the 95th percentile (nearest rank); empty when nothing was decided
     * @param count how many decisions
     * @param sum their total
     */
    public record DecisionTimes(OptionalDouble p50, OptionalDouble p95, long count, double sum) {

        /** Percentiles by nearest rank over {@code seconds}, which this sorts. */
        public static DecisionTimes of(double[] seconds) {
            Arrays.sort(seconds);
            double sum = 0;
            for (double s : seconds) {
                sum += s;
            }
            return new DecisionTimes(rank(seconds, 0.50), rank(seconds, 0.95), seconds.length, sum);
        }

        private static OptionalDouble rank(double[] sorted, double q) {
            if (sorted.length == 0) {
                return OptionalDouble.empty();
            }
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return OptionalDouble.of(sorted[Math.max(0, Math.min(index, sorted.length - 1))]);
        }
    }
}
