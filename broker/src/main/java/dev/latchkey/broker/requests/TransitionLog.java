package dev.latchkey.broker.requests;

import dev.latchkey.broker.audit.AuditEvent;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.events.EventJournal;
import dev.latchkey.broker.grants.Grant;
import dev.latchkey.broker.policy.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each request and grant transition once: one audit row per transition (with who decided
 * and why, never a value or token) and the event the people concerned should hear about. It is
 * called only by the caller whose conditional UPDATE won, so nothing is recorded twice.
 */
final class TransitionLog {

    private static final Logger LOG = LoggerFactory.getLogger(TransitionLog.class);
    /** How the audit log names the broker acting on its own (expiry). */
    static final String BROKER = "broker";

    private final AuditLog audit;
    private final EventJournal journal;

    TransitionLog(AuditLog audit, EventJournal journal) {
        this.audit = audit;
        this.journal = journal;
    }

    /** A new request, and with it (when a rule approved it at once) its approval. */
    void filed(AccessRequest r, String client) {
        List<AuditEvent> rows = new ArrayList<>();
        String what = r.scope() + " for " + Durations.describe(r.duration())
                + (r.secrets().isEmpty() ? "" : " (" + String.join(", ", r.secrets()) + ")")
                + r.startAt().map(s -> " from " + s).orElse("") + "; justification: " + clip(r.justification(), 300);
        if (r.extendsGrant().isPresent()) {
            rows.add(new AuditEvent(r.requester(), client, "grant.extend-request", r.extendsGrant().get(), "pending",
                    "request " + r.id() + ": " + what));
        } else {
            rows.add(new AuditEvent(r.requester(), client, "request.create", r.id(), "pending", what));
        }
        if (r.state() == RequestState.APPROVED) {
            rows.add(new AuditEvent(r.decidedBy().orElseThrow(), client, "request.auto-approve", r.id(), "approved",
                    grantDetail(r)));
        }
        audit.appendAll(rows);
        if (r.state() == RequestState.PENDING) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("requestId", r.id());
            data.put("scope", r.scope().toString());
            data.put("requester", r.requesterName());
            data.put("durationSeconds", r.duration().toSeconds());
            publish(new EventJournal.Audience.Groups(Set.copyOf(r.reviewers()), r.requester()), "request.created", data);
        } else {
            announceDecision(r);
        }
    }

    /** A reviewer's or the requester's decision: approved, denied or cancelled. */
    void decided(AccessRequest r, String actorSubject, String client) {
        String action = switch (r.state()) {
            case APPROVED -> "request.approve";
            case DENIED -> "request.deny";
            case CANCELLED -> "request.cancel";
            case PENDING, EXPIRED, REVOKED -> throw new IllegalArgumentException("not a decision: " + r.state());
        };
        String detail = "by " + r.decidedBy().orElse("?") + r.reason().map(x -> "; reason: " + clip(x, 500)).orElse("")
                + (r.state() == RequestState.APPROVED ? "; " + grantDetail(r) : "");
        audit.append(new AuditEvent(actorSubject, client, action, r.id(), r.state().word(), detail));
        announceDecision(r);
    }

    /** A request nobody decided in time. */
    void expired(AccessRequest r) {
        audit.append(new AuditEvent(BROKER, BROKER, "request.expire", r.id(), "expired",
                "filed by " + r.requesterName() + " at " + r.createdAt() + "; undecided at " + r.expiresAt()));
        announceDecision(r);
    }

    /** A grant taken back, and with it the request it came from. */
    void revoked(Grant g, String actorSubject, String client) {
        Grant.Revocation rev = g.revoked().orElseThrow();
        audit.append(new AuditEvent(actorSubject, client, "grant.revoke", g.id(), "revoked", "request " + g.requestId()
                + "; " + g.scope() + " for " + g.granteeName() + "; by " + rev.by()
                + rev.reason().map(x -> "; reason: " + clip(x, 500)).orElse("")));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("grantId", g.id());
        data.put("scope", g.scope().toString());
        data.put("revokedBy", rev.by());
        data.put("reason", rev.reason().orElse(null));
        publish(new EventJournal.Audience.Subject(g.grantee()), "grant.revoked", data);
    }

    private void announceDecision(AccessRequest r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", r.id());
        data.put("scope", r.scope().toString());
        data.put("state", r.state().word());
        data.put("decidedBy", r.decidedBy().orElse(null));
        data.put("reason", r.reason().orElse(null));
        data.put("grantId", r.grantId().orElse(null));
        publish(new EventJournal.Audience.Subject(r.requester()), "request.decided", data);
    }

    private static String grantDetail(AccessRequest r) {
        return r.grant().map(g -> "grant " + g.id() + " from " + g.startsAt() + " to " + g.endsAt())
                .orElse("grant " + r.grantId().orElse("?"));
    }

    /** The transition is committed; an event that cannot be kept must not turn it into an error. */
    private void publish(EventJournal.Audience audience, String type, Map<String, Object> data) {
        try {
            journal.publish(audience, type, data);
        } catch (RuntimeException e) {
            LOG.warn("could not record the {} event for {}: {}", type, data.get("requestId") != null
                    ? data.get("requestId") : data.get("grantId"), e.getMessage());
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
