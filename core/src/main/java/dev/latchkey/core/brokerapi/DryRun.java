package dev.latchkey.core.brokerapi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request would lead to, without making it ({@code POST /v1/access-requests?dryRun=true}).
 *
 * @param scope {@code team/env}
 * @param outcome what a real submit would do when {@link #problems()} is empty
 * @param rule the auto-approval rule that would apply, by name
 * @param reviewers the groups that would review it
 * @param maxDuration the longest access the scope's policy allows, when it allows any
 * @param autoApprovedUpTo requests up to this long are approved at once
 * @param requiredFields fields a request for this scope must carry, such as {@code justification}
 * @param problems what is wrong with this request; empty means a submit would succeed
 */
public record DryRun(String scope, Outcome outcome, Optional<String> rule, List<String> reviewers,
                     Optional<Duration> maxDuration, Optional<Duration> autoApprovedUpTo, List<String> requiredFields,
                     List<Problem> problems) {

    /** What a submit would lead to. */
    public enum Outcome {
        /** A policy rule approves it at once. */
        AUTO_APPROVED("auto-approved"),
        /** A reviewer must decide. */
        NEEDS_APPROVAL("needs-approval"),
        /** The caller may not request this scope. */
        NOT_ALLOWED("not-allowed");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        /** The contract's word for this outcome. */
        public String wire() {
            return wire;
        }
    }

    /**
     * One thing wrong with a request.
     *
     * @param field the request field at fault, such as {@code duration}
     * @param message what is wrong, in words a person can act on
     */
    public record Problem(String field, String message) {
        public Problem {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    public DryRun {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rule, "rule");
        reviewers = List.copyOf(reviewers);
        Objects.requireNonNull(maxDuration, "maxDuration");
        Objects.requireNonNull(autoApprovedUpTo, "autoApprovedUpTo");
        requiredFields = List.copyOf(requiredFields);
        problems = List.copyOf(problems);
    }
}
