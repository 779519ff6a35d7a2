package dev.latchkey.broker.requests;

import dev.latchkey.broker.grants.Grant;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.policy.AutoApproval;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.policy.ScopePolicy;
import dev.latchkey.grammar.DurationSyntaxException;
import dev.latchkey.grammar.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a draft against the policy and says what would become of it. Dry runs and real submits
 * both call {@link #assess}; a submit goes ahead only on an assessment without problems, with the
 * outcome the assessment names.
 */
public final class RequestAssessor {

    /** The longest justification kept. */
    public static final int MAX_JUSTIFICATION = 1_000;
    /** How far ahead a request may ask its access to start. */
    public static final Duration MAX_START_AHEAD = Duration.ofDays(30);
    /** A start this little in the past is "now" (clocks differ). */
    private static final Duration START_SKEW = Duration.ofMinutes(1);
    private static final List<String> REQUIRED = List.of("scope", "justification", "duration");

    private final SecretCatalog catalog;
    private final HeldGrants held;

    /**
     * @param catalog the secrets a request may name
     * @param held the grants a person holds now or later, so a request does not repeat one
     */
    public RequestAssessor(SecretCatalog catalog, HeldGrants held) {
        this.catalog = catalog;
        this.held = held;
    }

    /** A person's grants on a scope that are not over yet (revoked ones excluded), earliest start first. */
    @FunctionalInterface
    public interface HeldGrants {
        List<Grant> live(String subject, ScopeId scope, Instant now);
    }

    /** What {@code policy} makes of {@code caller} filing {@code draft} at {@code now}. */
    public Assessment assess(Caller caller, Policy policy, RequestDraft draft, Instant now) {
        List<Problem> problems = new ArrayList<>();
        String scopeText = draft.scope() == null ? "" : draft.scope().strip();
        if (scopeText.isEmpty()) {
            return refused(scopeText, new Problem(Problem.Kind.INVALID, "scope", "name the scope, such as payments/staging"));
        }
        Optional<ScopeId> id = ScopeId.parse(scopeText);
        if (id.isEmpty()) {
            return refused(scopeText, new Problem(Problem.Kind.INVALID, "scope",
                    "'" + clip(scopeText) + "' is not a scope; write it as team/env"));
        }
        Optional<ScopePolicy> found = policy.scope(id.get()).filter(s -> s.mayBrowse(caller.groups()));
        if (found.isEmpty()) {
            return refused(scopeText, new Problem(Problem.Kind.FORBIDDEN, "scope",
                    "you may not request access to " + id.get() + "; ask its owners"));
        }
        ScopePolicy scope = found.get();
        if (scope.mayRead(caller.groups())) {
            return refused(scopeText, new Problem(Problem.Kind.FORBIDDEN, "scope",
                    "you can already read " + scope.id() + " at any time; no request is needed"));
        }
        if (!scope.mayRequest(caller.groups()) || scope.maxRequest().isEmpty()) {
            return refused(scopeText, new Problem(Problem.Kind.FORBIDDEN, "scope",
                    "your groups may not request access to " + scope.id() + "; the policy names who may"));
        }
        List<String> reviewers = List.copyOf(new TreeSet<>(scope.approve()));
        Optional<Duration> autoUpTo = scope.autoApprovedUpTo(caller.groups());
        // Without reviewers, only what a rule approves can ever be granted.
        Optional<Duration> max = reviewers.isEmpty() ? autoUpTo : scope.maxRequest();
        if (max.isEmpty()) {
            return new Assessment(scopeText, Assessment.Outcome.NOT_ALLOWED, Optional.empty(), reviewers,
                    Optional.empty(), autoUpTo, REQUIRED, List.of(new Problem(Problem.Kind.POLICY_LIMIT, "scope",
                    scope.id() + " has no reviewers and no rule that approves your requests")), Optional.empty());
        }

        List<String> secrets = secrets(scope, draft.secrets(), problems);
        String justification = justification(scope, draft.justification(), problems);
        Optional<Duration> duration = duration(scope, draft.duration(), max.get(), reviewers.isEmpty(), problems);
        Optional<Instant> startAt = startAt(draft, now, problems);
        if (draft.extendsGrant().isEmpty() && duration.isPresent()) {
            alreadyHeld(caller, scope, secrets, startAt.orElse(now), duration.get(), now).ifPresent(problems::add);
        }

        Duration judged = duration.orElse(max.get());
        Optional<AutoApproval> rule = scope.autoApproval(caller.groups(), judged);
        boolean overLimit = problems.stream().anyMatch(p -> p.field().equals("duration")
                && p.kind() == Problem.Kind.POLICY_LIMIT);
        Assessment.Outcome outcome = overLimit ? Assessment.Outcome.NOT_ALLOWED
                : rule.isPresent() ? Assessment.Outcome.AUTO_APPROVED : Assessment.Outcome.NEEDS_APPROVAL;
        Optional<Assessment.Valid> valid = problems.isEmpty()
                ? Optional.of(new Assessment.Valid(scope, secrets, justification, duration.orElseThrow(), startAt))
                : Optional.empty();
        return new Assessment(scopeText, outcome, outcome == Assessment.Outcome.AUTO_APPROVED ? rule : Optional.empty(),
                reviewers, max, autoUpTo, REQUIRED, problems, valid);
    }

    /**
     * A grant the caller holds that already gives what the draft asks for, at some of the time it
     * asks for: a second grant would only overlap it. Extending that grant is the way to more time.
     */
    private Optional<Problem> alreadyHeld(Caller caller, ScopePolicy scope, List<String> secrets, Instant start,
            Duration duration, Instant now) {
        Instant end = start.plus(duration);
        return held.live(caller.subject(), scope.id(), now).stream()
                .filter(g -> g.secrets().isEmpty() || !secrets.isEmpty() && g.secrets().containsAll(secrets))
                .filter(g -> g.startsAt().isBefore(end) && start.isBefore(g.endsAt()))
                .findFirst()
                .map(g -> new Problem(Problem.Kind.ALREADY_GRANTED, "scope", "you already hold "
                        + scope.id() + (g.secrets().isEmpty() ? "" : " (" + String.join(", ", g.secrets()) + ")")
                        + (g.startsAt().isAfter(now) ? " from " + seconds(g.startsAt()) : "") + " until " + seconds(g.endsAt())
                        + " (grant " + g.id() + "); extend that grant instead of asking again"));
    }

    private static Instant seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    private static Assessment refused(String scope, Problem problem) {
        return new Assessment(scope, Assessment.Outcome.NOT_ALLOWED, Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), REQUIRED, List.of(problem), Optional.empty());
    }

    private List<String> secrets(ScopePolicy scope, List<String> asked, List<Problem> problems) {
        if (asked == null || asked.isEmpty()) {
            return List.of();
        }
        Set<String> known = catalog.names(scope);
        TreeSet<String> out = new TreeSet<>();
        for (String name : asked) {
            if (name == null || !known.contains(name)) {
                problems.add(new Problem(Problem.Kind.POLICY_LIMIT, "secrets", scope.id() + " has no secret named '"
                        + clip(String.valueOf(name)) + "'"));
                return List.of();
            }
            out.add(name);
        }
        return List.copyOf(out);
    }

    private static String justification(ScopePolicy scope, String text, List<Problem> problems) {
        String t = text == null ? "" : text.strip();
        String hint = scope.justification().hint().isBlank() ? "" : " (" + scope.justification().hint() + ")";
        if (t.isEmpty()) {
            // Every scope's justification rule asks for at least one character: a policy matter.
            problems.add(new Problem(Problem.Kind.POLICY_LIMIT, "justification", "say why you need access" + hint));
        } else if (t.codePointCount(0, t.length()) > MAX_JUSTIFICATION) {
            problems.add(new Problem(Problem.Kind.INVALID, "justification",
                    "the justification may be at most " + MAX_JUSTIFICATION + " characters"));
        } else {
            scope.justification().problem(t).ifPresent(p ->
                    problems.add(new Problem(Problem.Kind.POLICY_LIMIT, "justification", scope.id() + ": " + p)));
        }
        return t;
    }

    private static Optional<Duration> duration(ScopePolicy scope, String text, Duration max, boolean autoOnly,
            List<Problem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new Problem(Problem.Kind.INVALID, "duration",
                    "say how long, such as 1h or PT30M (at most " + Durations.format(max) + ")"));
            return Optional.empty();
        }
        Optional<Duration> d;
        try {
            d = Optional.of(Durations.parse(text));
        } catch (DurationSyntaxException e) {
            problems.add(e.zero() ? new Problem(Problem.Kind.POLICY_LIMIT, "duration", "a duration of nothing grants"
                    + " nothing; ask for at least 1s") : new Problem(Problem.Kind.INVALID, "duration", e.getMessage()));
            return Optional.empty();
        }
        if (d.get().compareTo(max) > 0) {
            problems.add(new Problem(Problem.Kind.POLICY_LIMIT, "duration", scope.id() + " allows at most "
                    + Durations.format(max) + (autoOnly ? " (it has no reviewers)" : "") + "; you asked for "
                    + Durations.format(d.get())));
        }
        return d;
    }

    private static Optional<Instant> startAt(RequestDraft draft, Instant now, List<Problem> problems) {
        if (draft.startAt() == null || draft.startAt().isBlank()) {
            return Optional.empty();
        }
        if (draft.extendsGrant().isPresent()) {
            problems.add(new Problem(Problem.Kind.INVALID, "startAt",
                    "an extension starts where its grant ends; leave startAt out"));
            return Optional.empty();
        }
        Instant at;
        try {
            at = Instant.parse(draft.startAt().strip());
        } catch (DateTimeParseException e) {
            problems.add(new Problem(Problem.Kind.INVALID, "startAt",
                    "startAt must be an ISO-8601 instant such as 2026-11-29T09:00:00Z"));
            return Optional.empty();
        }
        // A well-formed instant outside the window is a limit, not malformed input.
        if (at.isBefore(now.minus(START_SKEW))) {
            problems.add(new Problem(Problem.Kind.POLICY_LIMIT, "startAt",
                    "startAt is in the past; leave it out to start on approval"));
        } else if (at.isAfter(now.plus(MAX_START_AHEAD))) {
            problems.add(new Problem(Problem.Kind.POLICY_LIMIT, "startAt", "startAt may be at most 30 days ahead"));
        }
        return Optional.of(at.isBefore(now) ? now : at);
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
