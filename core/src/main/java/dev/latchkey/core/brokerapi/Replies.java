package dev.latchkey.core.brokerapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.core.internal.http.WireJson;
import dev.latchkey.core.internal.json.JsonFields;
import dev.latchkey.core.internal.json.MalformedJson;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The broker's JSON answers as records, read through {@link WireJson}: a missing field, one of the
 * wrong type, a time or duration that is not ISO-8601 or a state this client does not know is a
 * {@link BrokerProtocolException} naming the broker and the field, never a value (a resolve answer
 * holds secrets). Fields the contract makes optional get their documented defaults here.
 */
final class Replies {

    private final URI base;

    Replies(URI base) {
        this.base = base;
    }

    /** {@code n} as a {@code type}. */
    <T> T read(JsonNode n, Class<T> type) throws BrokerProtocolException {
        try {
            return WireJson.read(n, type);
        } catch (MalformedJson e) {
            throw malformed((e.field().isEmpty() ? "that " : "where ") + e.getMessage());
        }
    }

    /** A list answer that the broker may send bare or under {@code field}. */
    <T> T readList(JsonNode n, String field, Class<T> type) throws BrokerProtocolException {
        return read(n != null && n.isArray() ? BrokerCalls.jackson().createObjectNode().set(field, n) : n, type);
    }

    /** How a record reads itself from a {@link JsonFields}. */
    interface FromWire<T> {
        T read(JsonFields o) throws MalformedJson;
    }

    /** {@code parsed} (as {@link BrokerCalls#getParsed} returns it) read by {@code from}, faults worded as {@link #read}'s. */
    <T> T read(Object parsed, FromWire<T> from) throws BrokerProtocolException {
        try {
            return from.read(JsonFields.of(parsed, ""));
        } catch (MalformedJson e) {
            throw malformed((e.field().isEmpty() ? "that " : "where ") + e.getMessage());
        } catch (IllegalArgumentException e) {
            // A record's own check (such as a negative duration); its message names fields only.
            throw malformed("that does not fit: " + e.getMessage());
        }
    }

    /** A list answer that the broker may send bare or under {@code field}, read by {@code from}. */
    <T> T readList(Object parsed, String field, FromWire<T> from) throws BrokerProtocolException {
        return read(parsed instanceof List<?> ? Map.of(field, parsed) : parsed, from);
    }

    /** A grant that must be whole: an id and a state. */
    Grant grant(JsonNode n) throws BrokerProtocolException {
        GrantReply g = read(n, GrantReply.class);
        if (g.id() == null) {
            throw malformed("where 'id' is missing");
        }
        return g.toGrant();
    }

    private BrokerProtocolException malformed(String fault) {
        return new BrokerProtocolException("the broker at " + base + " sent an answer " + fault, null);
    }

    BrokerProtocolException bad(String what) {
        return new BrokerProtocolException("the broker at " + base + " answered with " + what, null);
    }

    /** A duration from its number of seconds, else from its ISO-8601 text; null when neither. */
    static Duration duration(Long seconds, Duration iso, String secondsField) {
        if (seconds == null) {
            return iso;
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("'" + secondsField + "' is negative");
        }
        return Duration.ofSeconds(seconds);
    }

    static List<String> strings(List<String> list) {
        return list == null ? List.of() : list;
    }

    static String or(String text, String otherwise) {
        return text == null ? otherwise : text;
    }

    /**
     * A grant as the broker writes it. {@code /v1/me} may list just a scope and an end, so id and
     * state are required together here and the whole grant by the answers that hold one.
     */
    record GrantReply(String id, String requestId, String grantee, String scope, List<String> secrets, Instant startsAt,
                      Instant endsAt, Grant.State state, String revokedBy, Instant revokedAt) {
        GrantReply {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(endsAt, "endsAt");
            if (id != null || state != null) {
                Objects.requireNonNull(id, "id");
                Objects.requireNonNull(state, "state");
            }
        }

        static GrantReply from(JsonFields o) throws MalformedJson {
            String id = o.optionalText("id");
            Grant.State state = o.optionalWord("state", Grant.State.class);
            String scope = o.text("scope");
            Instant endsAt = o.instant("endsAt");
            if (id != null || state != null) {
                o.text("id");
                o.word("state", Grant.State.class);
            }
            return new GrantReply(id, o.optionalText("requestId"), o.optionalText("grantee"), scope,
                    o.optionalTexts("secrets"), o.optionalInstant("startsAt"), endsAt, state, o.optionalText("revokedBy"),
                    o.optionalInstant("revokedAt"));
        }

        Grant toGrant() {
            if (id == null) {
                return Grant.of(scope, endsAt);
            }
            return new Grant(id, or(requestId, ""), or(grantee, ""), scope, strings(secrets), Optional.ofNullable(startsAt),
                    endsAt, state, Optional.ofNullable(revokedBy), Optional.ofNullable(revokedAt));
        }
    }

    /** {@code GET /v1/grants}. */
    record GrantsReply(List<GrantReply> grants) {
        GrantsReply {
            Objects.requireNonNull(grants, "grants");
            for (int i = 0; i < grants.size(); i++) {
                Objects.requireNonNull(grants.get(i).id(), "grants[" + i + "].id");
            }
        }
    }

    /** An access request, with its grant once approved. */
    record AccessRequestReply(String id, String requester, String requesterName, String scope, List<String> secrets,
                              String justification, Long durationSeconds, Duration duration, Instant startAt,
                              Instant createdAt, AccessRequest.State state, Instant expiresAt, List<String> reviewers,
                              String decidedBy, Instant decidedAt, String reason, String extendsGrant, GrantReply grant) {
        AccessRequestReply {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(requester, "requester");
            Objects.requireNonNull(scope, "scope");
            duration = Objects.requireNonNull(Replies.duration(durationSeconds, duration, "durationSeconds"), "duration");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(state, "state");
            if (grant != null) {
                Objects.requireNonNull(grant.id(), "grant.id");
            }
        }

        AccessRequest toAccessRequest() {
            return new AccessRequest(id, requester, or(requesterName, requester), scope, strings(secrets),
                    or(justification, ""), duration, Optional.ofNullable(startAt), createdAt, state,
                    Optional.ofNullable(expiresAt), strings(reviewers), Optional.ofNullable(decidedBy),
                    Optional.ofNullable(decidedAt), Optional.ofNullable(reason), Optional.ofNullable(extendsGrant),
                    Optional.ofNullable(grant).map(GrantReply::toGrant));
        }
    }

    /** {@code GET /v1/access-requests}. */
    record AccessRequestsReply(List<AccessRequestReply> requests) {
        AccessRequestsReply {
            Objects.requireNonNull(requests, "requests");
        }
    }

    /** {@code POST /v1/access-requests?dryRun=true}. */
    record DryRunReply(String scope, String outcome, String rule, List<String> reviewers, Long maxDurationSeconds,
                       Duration maxDuration, Long autoApprovedUpToSeconds, Duration autoApprovedUpTo,
                       List<String> requiredFields, List<ProblemReply> problems) {
        DryRunReply {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(outcome, "outcome");
            outcome(outcome);
            maxDuration = Replies.duration(maxDurationSeconds, maxDuration, "maxDurationSeconds");
            autoApprovedUpTo = Replies.duration(autoApprovedUpToSeconds, autoApprovedUpTo, "autoApprovedUpToSeconds");
        }

        private static DryRun.Outcome outcome(String word) {
            return Arrays.stream(DryRun.Outcome.values()).filter(o -> o.wire().equals(word)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'outcome' is a word this client does not know"));
        }

        DryRun toDryRun() {
            return new DryRun(scope, outcome(outcome), Optional.ofNullable(rule), strings(reviewers), Optional.ofNullable(maxDuration),
                    Optional.ofNullable(autoApprovedUpTo), strings(requiredFields), problems == null ? List.of()
                    : problems.stream().map(p -> new DryRun.Problem(or(p.field(), ""), p.message())).toList());
        }
    }

    /** One problem of a dry run. */
    record ProblemReply(String field, String message) {
        ProblemReply {
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@code GET /v1/sandboxes}. */
    record SandboxesReply(List<SandboxReply> sandboxes) {
        SandboxesReply {
            Objects.requireNonNull(sandboxes, "sandboxes");
        }
    }

    /** One sandbox. */
    record SandboxReply(String name, String scope, String audience, Long maxTtlSeconds, Duration maxTtl, Boolean mayMint,
                        Instant accessEnds) {
        SandboxReply {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(scope, "scope");
            maxTtl = Objects.requireNonNull(Replies.duration(maxTtlSeconds, maxTtl, "maxTtlSeconds"), "maxTtl");
        }

        Sandbox toSandbox() {
            return new Sandbox(name, scope, or(audience, ""), maxTtl, Boolean.TRUE.equals(mayMint),
                    Optional.ofNullable(accessEnds));
        }
    }

    /** {@code POST /v1/sandbox-tokens}. */
    record SandboxTokenReply(String sandbox, String token, String audience, String scope, Instant issuedAt,
                             Instant expiresAt, String jti) {
        SandboxTokenReply {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        SandboxToken toSandboxToken(String asked) {
            return new SandboxToken(or(sandbox, asked), token, or(audience, ""), or(scope, ""),
                    issuedAt == null ? expiresAt : issuedAt, expiresAt, or(jti, ""));
        }

        @Override
        public String toString() {
            return "SandboxTokenReply[token=<hidden>]";
        }
    }
}
