package dev.latchkey.cli.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.common.Json;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.DryRun;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.Sandbox;
import dev.latchkey.grammar.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * How access requests, grants and sandboxes look in {@code --json} (the contract's field names)
 * and in text (short, one line each). Names, ids and times only: none of these carry a value.
 */
final class Views {

    private Views() {
    }

    static ObjectNode json(AccessRequest r) {
        ObjectNode o = Json.object();
        o.put("id", r.id());
        o.put("requester", r.requester());
        o.put("requesterName", r.requesterName());
        o.put("scope", r.scope());
        strings(o.putArray("secrets"), r.secrets());
        o.put("justification", r.justification());
        o.put("duration", r.duration().toString());
        o.put("durationSeconds", r.duration().toSeconds());
        put(o, "startAt", r.startAt());
        o.put("createdAt", r.createdAt().toString());
        o.put("state", r.state().wire());
        put(o, "expiresAt", r.expiresAt());
        strings(o.putArray("reviewers"), r.reviewers());
        o.put("decidedBy", r.decidedBy().orElse(null));
        put(o, "decidedAt", r.decidedAt());
        o.put("reason", r.reason().orElse(null));
        o.put("extendsGrant", r.extendsGrant().orElse(null));
        if (r.grant().isPresent()) {
            o.set("grant", json(r.grant().get()));
        } else {
            o.putNull("grant");
        }
        return o;
    }

    static ObjectNode json(Grant g) {
        ObjectNode o = Json.object();
        o.put("id", g.id());
        o.put("requestId", g.requestId());
        o.put("grantee", g.grantee());
        o.put("scope", g.scope());
        strings(o.putArray("secrets"), g.secrets());
        put(o, "startsAt", g.startsAt());
        o.put("endsAt", g.endsAt().toString());
        o.put("state", g.state().wire());
        o.put("revokedBy", g.revokedBy().orElse(null));
        put(o, "revokedAt", g.revokedAt());
        return o;
    }

    static ObjectNode json(DryRun d) {
        ObjectNode o = Json.object();
        o.put("scope", d.scope());
        o.put("outcome", d.outcome().wire());
        o.put("rule", d.rule().orElse(null));
        strings(o.putArray("reviewers"), d.reviewers());
        o.put("maxDuration", d.maxDuration().map(Duration::toString).orElse(null));
        if (d.maxDuration().isPresent()) {
            o.put("maxDurationSeconds", d.maxDuration().get().toSeconds());
        } else {
            o.putNull("maxDurationSeconds");
        }
        o.put("autoApprovedUpTo", d.autoApprovedUpTo().map(Duration::toString).orElse(null));
        strings(o.putArray("requiredFields"), d.requiredFields());
        ArrayNode problems = o.putArray("problems");
        d.problems().forEach(p -> problems.addObject().put("field", p.field()).put("message", p.message()));
        return o;
    }

    static ObjectNode json(Sandbox s) {
        ObjectNode o = Json.object();
        o.put("name", s.name());
        o.put("scope", s.scope());
        o.put("audience", s.audience());
        o.put("maxTtl", s.maxTtl().toString());
        o.put("maxTtlSeconds", s.maxTtl().toSeconds());
        o.put("mayMint", s.mayMint());
        put(o, "accessEnds", s.accessEnds());
        return o;
    }

    /** The requester as reviewers know them: "Ada Lovelace (ada)", or the username alone when that is all there is. */
    static String requester(AccessRequest r) {
        return r.requesterName().isBlank() || r.requesterName().equals(r.requester()) ? r.requester()
                : r.requesterName() + " (" + r.requester() + ")";
    }

    /** One sentence on where a request stands, for the line after {@code request}, {@code approve} and the like. */
    static String sentence(AccessRequest r, Instant now) {
        String head = "Request " + r.id() + " for " + r.scope() + secrets(r.secrets()) + " (" + Durations.format(r.duration()) + ")";
        return head + switch (r.state()) {
            case PENDING -> " is pending: waiting for " + reviewers(r.reviewers())
                    + r.expiresAt().map(t -> "; it lapses undecided at " + time(t)).orElse("") + ".";
            case APPROVED -> " was approved " + by(r) + r.grant().map(g -> "; access " + until(g, now)).orElse("") + ".";
            case DENIED -> " was denied " + by(r) + r.reason().map(x -> ": " + x).orElse("") + ".";
            case CANCELLED -> " was cancelled.";
            case EXPIRED -> " expired: nobody decided it in time.";
            case REVOKED -> " was approved, then its grant was revoked.";
        };
    }

    static String until(Grant g, Instant now) {
        String left = g.endsAt().isAfter(now) ? ", " + Durations.format(Duration.between(now, g.endsAt()).truncatedTo(ChronoUnit.SECONDS)) + " left" : "";
        return switch (g.state()) {
            case SCHEDULED -> "from " + g.startsAt().map(Views::time).orElse("?") + " until " + time(g.endsAt());
            case ACTIVE -> "until " + time(g.endsAt()) + left;
            case ENDED -> "ended at " + time(g.endsAt());
            case REVOKED -> "revoked" + g.revokedBy().map(b -> " by " + b).orElse("")
                    + g.revokedAt().map(t -> " at " + time(t)).orElse("");
        };
    }

    static String by(AccessRequest r) {
        return r.decidedBy().map(d -> d.startsWith("policy:") ? "by policy rule " + d.substring("policy:".length())
                : "by " + d).orElse("");
    }

    static String reviewers(List<String> groups) {
        return groups.isEmpty() ? "a reviewer" : "a reviewer in " + String.join(" or ", groups);
    }

    static String secrets(List<String> names) {
        return names.isEmpty() ? "" : " [" + String.join(", ", names) + "]";
    }

    /** The width of a column holding {@code values} under {@code heading}. */
    static int width(List<String> values, String heading) {
        return Math.max(heading.length(), values.stream().mapToInt(String::length).max().orElse(0));
    }

    static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void put(ObjectNode o, String field, Optional<Instant> t) {
        o.put(field, t.map(Instant::toString).orElse(null));
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
