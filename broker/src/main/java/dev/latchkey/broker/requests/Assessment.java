package dev.latchkey.broker.requests;

import dev.latchkey.broker.policy.AutoApproval;
import dev.latchkey.broker.policy.ScopePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the policy makes of a draft: the dry run's answer, and the only thing a real submit acts
 * on, so the two cannot disagree.
 *
 * @param scope the scope as written
 * @param outcome what a submit would lead to
 * @param rule the auto-approval rule that would approve it
 * @param reviewers who would review it (the scope's approve groups)
 * @param maxDuration the longest the caller may ask for
 * @param autoApprovedUpTo the longest the caller gets without a reviewer
 * @param requiredFields the fields a request must fill
 * @param problems what must change before a submit succeeds; empty when it would
 * @param valid the checked request, present exactly when there are no problems
 */
public record Assessment(String scope, Outcome outcome, Optional<AutoApproval> rule, List<String> reviewers,
        Optional<Duration> maxDuration, Optional<Duration> autoApprovedUpTo, List<String> requiredFields,
        List<Problem> problems, Optional<Valid> valid) {

    public Assessment {
        reviewers = List.copyOf(reviewers);
        requiredFields = List.copyOf(requiredFields);
        problems = List.copyOf(problems);
    }

    /** What a submit leads to. */
    public enum Outcome {
        AUTO_APPROVED("auto-approved"), NEEDS_APPROVAL("needs-approval"), NOT_ALLOWED("not-allowed");

        private final String word;

        Outcome(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * A request that passed every check.
     *
     * @param scope the scope's policy
     * @param secrets the secrets asked for, sorted, without repeats; empty for the whole scope
     * @param justification trimmed
     * @param duration how long
     * @param startAt when, if not on approval
     */
    public record Valid(ScopePolicy scope, List<String> secrets, String justification, Duration duration,
            Optional<Instant> startAt) {
        public Valid {
            secrets = List.copyOf(secrets);
        }
    }
}
