package dev.latchkey.app.access;

import dev.latchkey.core.brokerapi.DryRun;
import dev.latchkey.grammar.Durations;
import java.util.ArrayList;
import java.util.List;

/** What the request form says about the broker's dry run: the outcome, the limit, one line per problem. */
final class DryRunText {

    private DryRunText() {
    }

    /** "Auto-approved by …", "Needs approval by …", or "Not allowed as asked: …" with the limit. */
    static String outcome(DryRun d) {
        return switch (d.outcome()) {
            case AUTO_APPROVED -> "Auto-approved by " + d.rule().orElse("policy") + ": access starts as soon as you submit.";
            case NEEDS_APPROVAL -> "Needs approval by " + (d.reviewers().isEmpty() ? "a reviewer"
                    : String.join(" or ", d.reviewers())) + d.autoApprovedUpTo()
                    .map(u -> " (up to " + Durations.format(u) + " would be approved at once)").orElse("") + ".";
            // Over a limit is "not allowed as asked", with the limit: the scope itself may well be requestable.
            case NOT_ALLOWED -> d.problems().isEmpty() ? "Not allowed: you cannot request " + d.scope() + "."
                    : "Not allowed as asked: " + sentence(d.problems().stream().filter(p -> "duration".equals(p.field()))
                            .findFirst().orElse(d.problems().getFirst()).message());
        };
    }

    /** "Maximum allowed: 1 h." when the policy caps the duration. */
    static String limits(DryRun d) {
        return d.maxDuration().map(m -> "Maximum allowed: " + Durations.format(m) + ".").orElse("");
    }

    /**
     * The problems to show, one line per field: the form's own ({@code local}) first, then what the
     * broker adds that the form has not said in its own words.
     */
    static List<String> problems(DryRun d, List<String> local, boolean justificationBlank) {
        List<String> lines = new ArrayList<>(local);
        List<String> missing = d.requiredFields().stream().filter(f -> f.equals("justification") && justificationBlank)
                .toList();
        if (!missing.isEmpty()) {
            lines.add("Missing: " + String.join(", ", missing) + ".");
        }
        d.problems().forEach(p -> {
            String line = capital(p.field()) + ": " + p.message() + (p.message().endsWith(".") ? "" : ".");
            boolean saidLocally = lines.stream().anyMatch(l -> l.startsWith(capital(p.field()) + ": "));
            if (!lines.contains(line) && !saidLocally) {
                lines.add(line);
            }
        });
        return lines;
    }

    private static String sentence(String s) {
        return s.endsWith(".") ? s : s + ".";
    }

    private static String capital(String s) {
        return s == null || s.isEmpty() ? "Request" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
