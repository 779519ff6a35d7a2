package dev.latchkey.cli.access;

import dev.latchkey.cli.common.DurationOption;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.Json;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.AccessRequestForm;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.DryRun;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.grammar.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code latchkey request}: ask for time-boxed access to a scope. */
@Command(name = "request", sortOptions = false,
        description = {"Ask for time-boxed access to a scope.",
                "A policy rule may approve it at once; otherwise a reviewer decides (follow it with --wait)."},
        footer = {"", "Examples:", "  latchkey request payments/staging --duration 1h --reason \"PAY-123 debugging the webhook\"",
                "  latchkey request payments/prod --duration 30m --reason \"PAY-124 hotfix\" --secrets db-url --wait",
                "  latchkey request payments/prod --duration 4h --reason x --dry-run",
                "  latchkey request payments/staging --duration 1h --reason \"PAY-123 one more hour\" --extend",
                "", "Exit codes: 0 approved (or submitted, without --wait), 3 denied or expired,",
                "  5 still pending when --timeout passed, 1 the broker refused the input (the message names the limit)."})
public final class RequestCommand implements Callable<Integer> {

    @Mixin
    Inherited cli;

    @Parameters(paramLabel = "SCOPE", description = "team/env, such as payments/prod")
    String scope;

    @Option(names = "--duration", required = true, paramLabel = "D", description = "How long: 30m, 1h, 1h30m, PT1H.")
    String duration;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (the justification reviewers read; some scopes want a ticket).")
    String reason;

    @Option(names = "--secrets", split = ",", paramLabel = "NAME", description = "Only these secrets (comma-separated); default the whole scope.")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--start", paramLabel = "T", description = "Start later: a UTC time (2026-11-29T09:00:00Z) or +2h. Default: on approval.")
    String start;

    @Option(names = "--dry-run", description = "Say what would happen (auto-approval, reviewers, limits) and create nothing.")
    boolean dryRun;

    @Option(names = "--wait", description = "Wait until the request is decided (exit 0 approved, 3 denied or expired).")
    boolean await;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "15m", description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--extend", description = {"If you already hold a grant that gives this access, ask for more time on it",
            "(latchkey extend) instead of being told you hold it."})
    boolean extend;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() throws Exception {
        Instant now = cli.context().clock().instant();
        AccessRequestForm form = new AccessRequestForm(SecretRef.checkScope(scope), secrets, reason,
                DurationOption.parse("--duration", duration),
                Optional.ofNullable(start).map(s -> TimeOptions.start(s, now)));
        Duration waitFor = DurationOption.parse("--timeout", timeout);
        BrokerClient client = cli.client();
        PrintWriter out = cli.out();
        PrintWriter err = cli.err();
        if (dryRun) {
            DryRun d = client.dryRun(form);
            if (json.on()) {
                out.println(Json.pretty(Views.json(d)));
            } else {
                printDryRun(out, d, form);
            }
            out.flush();
            return !d.problems().isEmpty() ? ExitCodes.USAGE
                    : d.outcome() == DryRun.Outcome.NOT_ALLOWED ? ExitCodes.ACCESS_DENIED : ExitCodes.OK;
        }
        Optional<Grant> held = extend ? heldGrant(client, form, now) : Optional.empty();
        AccessRequest r = held.isPresent() ? client.extendGrant(held.get().id(), form.duration(), reason)
                : client.requestAccess(form);
        if (held.isPresent() && !json.on()) {
            err.println("latchkey: you hold " + held.get().scope() + " until " + held.get().endsAt() + " (grant "
                    + held.get().id() + "); asking for " + Durations.format(form.duration()) + " more on it");
            err.flush();
        }
        if (await && r.state() == AccessRequest.State.PENDING) {
            if (!json.on()) {
                out.println(Views.sentence(r, now));
                out.flush();
            }
            err.println("latchkey: waiting up to " + Durations.format(waitFor) + " for a decision on " + r.id()
                    + " (Ctrl-C stops waiting; the request stays)");
            err.flush();
            Optional<AccessRequest> decided = DecisionWait.await(client, r.id(), waitFor, line -> {
                err.println(line);
                err.flush();
            });
            if (decided.isEmpty()) {
                if (json.on()) {
                    out.println(Json.pretty(Views.json(r)));
                    out.flush();
                }
                err.println("latchkey: " + r.id() + " is still pending after " + Durations.format(waitFor));
                err.println("hint: see it later with: latchkey requests");
                err.flush();
                return ExitCodes.STILL_PENDING;
            }
            r = decided.get();
        }
        if (json.on()) {
            out.println(Json.pretty(Views.json(r)));
        } else {
            out.println(Views.sentence(r, cli.context().clock().instant()));
            if (r.state() == AccessRequest.State.PENDING) {
                out.println("Follow it with: latchkey requests   (or ask again with --wait)");
            }
        }
        out.flush();
        return switch (r.state()) {
            case APPROVED, PENDING -> ExitCodes.OK;
            case DENIED, EXPIRED, CANCELLED, REVOKED -> ExitCodes.ACCESS_DENIED;
        };
    }

    /** A grant of the caller's that already gives what {@code form} asks for, at a time it asks for. */
    private static Optional<Grant> heldGrant(BrokerClient client, AccessRequestForm form, Instant now) throws Exception {
        Instant start = form.startAt().orElse(now);
        Instant end = start.plus(form.duration());
        return client.grants().stream()
                .filter(g -> g.scope().equals(form.scope()) && !g.id().isEmpty())
                .filter(g -> g.state() == Grant.State.ACTIVE || g.state() == Grant.State.SCHEDULED)
                .filter(g -> g.secrets().isEmpty() || !form.secrets().isEmpty() && g.secrets().containsAll(form.secrets()))
                .filter(g -> g.startsAt().orElse(now).isBefore(end) && start.isBefore(g.endsAt()))
                .findFirst();
    }

    private static void printDryRun(PrintWriter out, DryRun d, AccessRequestForm form) {
        String what = d.scope() + " for " + Durations.format(form.duration());
        out.println(!d.problems().isEmpty() ? "A request for " + what + " would be refused (see below)."
                : switch (d.outcome()) {
                    case AUTO_APPROVED -> "A request for " + what + " would be approved at once"
                            + d.rule().map(r -> " by policy rule " + r).orElse("") + ".";
                    case NEEDS_APPROVAL -> "A request for " + what + " would wait for " + Views.reviewers(d.reviewers()) + ".";
                    case NOT_ALLOWED -> "You may not request " + d.scope() + ".";
                });
        d.maxDuration().ifPresent(m -> out.println("Longest allowed: " + Durations.format(m)
                + d.autoApprovedUpTo().map(a -> "; approved at once up to " + Durations.format(a)).orElse("")));
        if (!d.requiredFields().isEmpty()) {
            out.println("Required: " + String.join(", ", d.requiredFields()));
        }
        if (d.problems().isEmpty()) {
            out.println("Nothing was created; run the same command without --dry-run to submit it.");
        } else {
            out.println("What is wrong:");
            d.problems().forEach(p -> out.println("  " + (p.field().isEmpty() ? "" : p.field() + ": ") + p.message()));
        }
    }
}
