package dev.latchkey.broker.requests;

import dev.latchkey.broker.audit.AuditEvent;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.events.EventJournal;
import dev.latchkey.broker.grants.Grant;
import dev.latchkey.broker.store.Transaction;
import dev.latchkey.grammar.Durations;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes each request and grant transition once: one audit row per transition (with who decided
 * and why, never a value or token) and the event the people concerned should hear about. It is
 * called only by the caller whose conditional UPDATE won, inside that UPDATE's transaction, so
 * nothing is recorded twice and a transition is never kept without its row and its event.
 */
final class TransitionLog {

    /** How the audit log names the broker acting on its own (expiry). */
    static final String BROKER = "broker";

    private final AuditLog audit;
    private final EventJournal journal;

    TransitionLog(AuditLog audit, EventJournal journal) {
        this.audit = audit;
        this.journal = journal;
    }

    /** A new request, and with it (when a rule approved it at once) its approval. */
    void filed(Transaction tx, AccessRequest r, String client) throws SQLException {
        List<AuditEvent> rows = new ArrayList<>();
        String what = r.scope() + " for " + Durations.format(r.duration())
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
        audit.appendAll(tx.connection(), rows);
        if (r.state() == RequestState.PENDING) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("requestId", r.id());
            data.put("scope", r.scope().toString());
            data.put("requester", r.requesterName());
            data.put("durationSeconds", r.duration().toSeconds());
            journal.publish(tx, new EventJournal.Audience.Groups(Set.copyOf(r.reviewers()), r.requester()),
                    "request.created", data);
        } else {
            announceDecision(tx, r);
        }
    }

    /** A reviewer's or the requester's decision: approved, denied or cancelled. */
    void decided(Transaction tx, AccessRequest r, String actorSubject, String client) throws SQLException {
        String action = switch (r.state()) {
            case APPROVED -> "request.approve";
            case DENIED -> "request.deny";
            case CANCELLED -> "request.cancel";
            case PENDING, EXPIRED, REVOKED -> throw new IllegalArgumentException("not a decision: " + r.state());
        };
        String detail = "by " + r.decidedBy().orElse("?") + r.reason().map(x -> "; reason: " + clip(x, 500)).orElse("")
                + (r.state() == RequestState.APPROVED ? "; " + grantDetail(r) : "");
        audit.appendAll(tx.connection(), List.of(new AuditEvent(actorSubject, client, action, r.id(), r.state().word(),
                detail)));
        announceDecision(tx, r);
    }

    /** A request nobody decided in time. */
    void expired(Transaction tx, AccessRequest r) throws SQLException {
        audit.appendAll(tx.connection(), List.of(new AuditEvent(BROKER, BROKER, "request.expire", r.id(), "expired",
                "filed by " + r.requesterName() + " at " + r.createdAt() + "; undecided at " + r.expiresAt())));
        announceDecision(tx, r);
    }

    /** A grant taken back, and with it the request it came from. */
    void revoked(Transaction tx, Grant g, String actorSubject, String client) throws SQLException {
        Grant.Revocation rev = g.revoked().orElseThrow();
        audit.appendAll(tx.connection(), List.of(new AuditEvent(actorSubject, client, "grant.revoke", g.id(), "revoked",
                "request " + g.requestId() + "; " + g.scope() + " for " + g.granteeName() + "; by " + rev.by()
                        + rev.reason().map(x -> "; reason: " + clip(x, 500)).orElse(""))));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("grantId", g.id());
        data.put("scope", g.scope().toString());
        data.put("revokedBy", rev.by());
        data.put("reason", rev.reason().orElse(null));
        journal.publish(tx, new EventJournal.Audience.Subject(g.grantee()), "grant.revoked", data);
    }

    private void announceDecision(Transaction tx, AccessRequest r) throws SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", r.id());
        data.put("scope", r.scope().toString());
        data.put("state", r.state().word());
        data.put("decidedBy", r.decidedBy().orElse(null));
        data.put("reason", r.reason().orElse(null));
        data.put("grantId", r.grantId().orElse(null));
        journal.publish(tx, new EventJournal.Audience.Subject(r.requester()), "request.decided", data);
    }

    private static String grantDetail(AccessRequest r) {
        return r.grant().map(g -> "grant " + g.id() + " from " + g.startsAt() + " to " + g.endsAt())
                .orElse("grant " + r.grantId().orElse("?"));
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
