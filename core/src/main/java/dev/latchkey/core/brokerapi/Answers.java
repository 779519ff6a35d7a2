package dev.latchkey.core.brokerapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the broker's JSON answers into records. Strict where a wrong answer would mislead (ids,
 * states, times), lenient where a field is optional in the contract; every problem is a
 * {@link BrokerProtocolException} naming the field, never echoing a value.
 */
final class Answers {

    private final URI base;

    Answers(URI base) {
        this.base = base;
    }

    AccessRequest accessRequest(JsonNode n) throws BrokerProtocolException {
        requireObject(n, "an access request");
        Optional<Grant> grant = n.hasNonNull("grant") ? Optional.of(grant(n.get("grant"))) : Optional.empty();
        return new AccessRequest(text(n, "id"), text(n, "requester"), n.path("requesterName").asText(text(n, "requester")),
                text(n, "scope"), strings(n, "secrets"), n.path("justification").asText(""), duration(n),
                instant(n, "startAt"), instant(n, "createdAt").orElseThrow(() -> bad("an access request without createdAt")),
                state(AccessRequest.State.class, n, "state"), instant(n, "expiresAt"), strings(n, "reviewers"),
                optionalText(n, "decidedBy"), instant(n, "decidedAt"), optionalText(n, "reason"),
                optionalText(n, "extendsGrant"), grant);
    }

    List<AccessRequest> accessRequests(JsonNode n) throws BrokerProtocolException {
        List<AccessRequest> out = new ArrayList<>();
        for (JsonNode r : list(n, "requests")) {
            out.add(accessRequest(r));
        }
        return out;
    }

    Grant grant(JsonNode n) throws BrokerProtocolException {
        requireObject(n, "a grant");
        return new Grant(text(n, "id"), n.path("requestId").asText(""), n.path("grantee").asText(""), text(n, "scope"),
                strings(n, "secrets"), instant(n, "startsAt"),
                instant(n, "endsAt").orElseThrow(() -> bad("a grant without endsAt")),
                state(Grant.State.class, n, "state"), optionalText(n, "revokedBy"), instant(n, "revokedAt"));
    }

    List<Grant> grants(JsonNode n) throws BrokerProtocolException {
        List<Grant> out = new ArrayList<>();
        for (JsonNode g : list(n, "grants")) {
            out.add(grant(g));
        }
        return out;
    }

    /** A grant as {@code /v1/me} lists it: the full shape, or just its scope and end. */
    Grant grantOfMe(JsonNode g) throws BrokerProtocolException {
        if (g.hasNonNull("id")) {
            return grant(g);
        }
        return Grant.of(text(g, "scope"), instant(g, "endsAt").orElseThrow(() -> bad("a grant without endsAt")));
    }

    DryRun dryRun(JsonNode n) throws BrokerProtocolException {
        requireObject(n, "a dry run");
        String word = text(n, "outcome");
        DryRun.Outcome outcome = null;
        for (DryRun.Outcome o : DryRun.Outcome.values()) {
            if (o.wire().equals(word)) {
                outcome = o;
            }
        }
        if (outcome == null) {
            throw bad("a dry-run outcome this client does not know: '" + printable(word) + "'");
        }
        List<DryRun.Problem> problems = new ArrayList<>();
        for (JsonNode p : n.path("problems")) {
            problems.add(new DryRun.Problem(p.path("field").asText(""), text(p, "message")));
        }
        return new DryRun(text(n, "scope"), outcome, optionalText(n, "rule"), strings(n, "reviewers"),
                seconds(n, "maxDurationSeconds", "maxDuration"), seconds(n, "autoApprovedUpToSeconds", "autoApprovedUpTo"),
                strings(n, "requiredFields"), problems);
    }

    List<Sandbox> sandboxes(JsonNode n) throws BrokerProtocolException {
        List<Sandbox> out = new ArrayList<>();
        for (JsonNode s : list(n, "sandboxes")) {
            out.add(new Sandbox(text(s, "name"), text(s, "scope"), s.path("audience").asText(""),
                    seconds(s, "maxTtlSeconds", "maxTtl").orElseThrow(() -> bad("a sandbox without maxTtl")),
                    s.path("mayMint").asBoolean(false), instant(s, "accessEnds")));
        }
        return out;
    }

    SandboxToken sandboxToken(String sandbox, JsonNode n) throws BrokerProtocolException {
        requireObject(n, "a sandbox token");
        Instant expires = instant(n, "expiresAt").orElseThrow(() -> bad("a sandbox token without expiresAt"));
        return new SandboxToken(n.path("sandbox").asText(sandbox), text(n, "token"), n.path("audience").asText(""),
                n.path("scope").asText(""), instant(n, "issuedAt").orElse(expires), expires, n.path("jti").asText(""));
    }

    /** The list under {@code field}, or the answer itself when the broker sends a bare array. */
    private Iterable<JsonNode> list(JsonNode n, String field) throws BrokerProtocolException {
        if (n.isArray()) {
            return n;
        }
        JsonNode l = n.path(field);
        if (!l.isArray()) {
            throw bad("no '" + field + "' list");
        }
        return l;
    }

    private Duration duration(JsonNode n) throws BrokerProtocolException {
        return seconds(n, "durationSeconds", "duration").orElseThrow(() -> bad("an access request without a duration"));
    }

    /** A duration from its number of seconds, else from its ISO-8601 text. */
    private Optional<Duration> seconds(JsonNode n, String secondsField, String isoField) throws BrokerProtocolException {
        JsonNode s = n.get(secondsField);
        if (s != null && s.canConvertToLong() && s.isNumber()) {
            if (s.asLong() < 0) {
                throw bad("a negative '" + secondsField + "'");
            }
            return Optional.of(Duration.ofSeconds(s.asLong()));
        }
        JsonNode iso = n.get(isoField);
        if (iso == null || iso.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(iso.asText()));
        } catch (DateTimeParseException e) {
            throw bad("a duration it cannot read in '" + isoField + "'");
        }
    }

    private <E extends Enum<E>> E state(Class<E> type, JsonNode n, String field) throws BrokerProtocolException {
        String word = text(n, field);
        try {
            return Enum.valueOf(type, word.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw bad("a " + field + " this client does not know: '" + printable(word) + "'");
        }
    }

    String text(JsonNode n, String field) throws BrokerProtocolException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw bad("no '" + field + "'");
        }
        return v.asText();
    }

    static Optional<String> optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static List<String> strings(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        n.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    Optional<Instant> instant(JsonNode n, String field) throws BrokerProtocolException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v.asText()));
        } catch (DateTimeParseException e) {
            throw bad("a time it cannot read in '" + field + "'");
        }
    }

    private void requireObject(JsonNode n, String what) throws BrokerProtocolException {
        if (n == null || !n.isObject()) {
            throw bad("something that is not " + what);
        }
    }

    /** Short and single-line, for quoting an unknown word the broker sent (an enum, never a value). */
    private static String printable(String word) {
        String w = word.replaceAll("[^A-Za-z0-9._:-]", "?");
        return w.length() > 40 ? w.substring(0, 40) + "..." : w;
    }

    BrokerProtocolException bad(String what) {
        return new BrokerProtocolException("the broker at " + base + " answered with " + what, null);
    }
}
