package dev.latchkey.broker.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.broker.grants.Grant;
import dev.latchkey.broker.requests.AccessRequest;
import dev.latchkey.broker.requests.Assessment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The JSON bodies of access requests and grants (docs/broker-api.yaml, "Access requests" and
 * "Grants"). Their empty fields are written as null rather than left out: a client reads
 * {@code "decidedBy": null} as "not decided yet".
 */
final class RequestViews {

    private RequestViews() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RequestView(String id, String requester, String requesterName, String scope, List<String> secrets,
            String justification, String duration, long durationSeconds, Instant startAt, Instant createdAt,
            String state, Instant expiresAt, List<String> reviewers, String decidedBy, Instant decidedAt,
            String reason, String extendsGrant, GrantView grant) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record GrantView(String id, String requestId, String grantee, String scope, List<String> secrets,
            Instant startsAt, Instant endsAt, String state, String revokedBy, Instant revokedAt) {
    }

    record RequestList(List<RequestView> requests) {
    }

    record GrantList(List<GrantView> grants) {
    }

    record ProblemView(String field, String message) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DryRunView(String scope, String outcome, String rule, List<String> reviewers, String maxDuration,
            Long maxDurationSeconds, String autoApprovedUpTo, List<String> requiredFields, List<ProblemView> problems) {
    }

    static RequestView of(AccessRequest r, Instant now) {
        return new RequestView(r.id(), r.requesterName(), r.requesterDisplayName(), r.scope().toString(), r.secrets(),
                r.justification(), r.duration().toString(), r.duration().toSeconds(), r.startAt().orElse(null),
                r.createdAt(), r.state().word(), r.expiresAt(), r.reviewers(), r.decidedBy().orElse(null),
                r.decidedAt().orElse(null), r.reason().orElse(null), r.extendsGrant().orElse(null),
                r.grant().map(g -> of(g, now)).orElse(null));
    }

    static GrantView of(Grant g, Instant now) {
        return new GrantView(g.id(), g.requestId(), g.granteeName(), g.scope().toString(), g.secrets(), g.startsAt(),
                g.endsAt(), g.state(now).word(), g.revoked().map(Grant.Revocation::by).orElse(null),
                g.revoked().map(Grant.Revocation::at).orElse(null));
    }

    static DryRunView of(Assessment a) {
        return new DryRunView(a.scope(), a.outcome().word(), a.rule().map(r -> r.name()).orElse(null), a.reviewers(),
                a.maxDuration().map(Duration::toString).orElse(null),
                a.maxDuration().map(Duration::toSeconds).orElse(null),
                a.autoApprovedUpTo().map(Duration::toString).orElse(null), a.requiredFields(),
                a.problems().stream().map(p -> new ProblemView(p.field(), p.message())).toList());
    }
}
