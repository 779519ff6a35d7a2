package dev.latchkey.app.browser;

import dev.latchkey.core.brokerapi.DryRun;

/** Who decides a request, from a dry run: the detail pane's "Who can approve". */
final class ApproverText {

    private ApproverText() {
    }

    static String of(DryRun d) {
        String reviewers = String.join(" or ", d.reviewers());
        String auto = d.autoApprovedUpTo().map(u -> "approved at once" + d.rule().map(r -> " by " + r).orElse("")
                + " (up to " + AccessBadge.human(u) + ")").orElse("");
        if (d.outcome() == DryRun.Outcome.NOT_ALLOWED && d.reviewers().isEmpty()) {
            return "nobody: you cannot request it";
        }
        if (d.outcome() == DryRun.Outcome.AUTO_APPROVED && auto.isEmpty()) {
            auto = "approved at once" + d.rule().map(r -> " by " + r).orElse("");
        }
        if (reviewers.isEmpty()) {
            return auto.isEmpty() ? "a reviewer" : auto;
        }
        return auto.isEmpty() ? reviewers : auto + "; longer: " + reviewers;
    }
}
