package dev.latchkey.broker.requests;

import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.events.EventJournal;
import dev.latchkey.broker.grants.Grant;
import dev.latchkey.broker.grants.GrantState;
import dev.latchkey.broker.grants.GrantStore;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.policy.ScopePolicy;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.Transactions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Access requests and the grants they become: filing (with dry runs that take the same path),
 * reading, deciding, revoking and extending. Every method takes the policy snapshot the call
 * started with and the caller's identity; every refusal is an {@link AccessRequestException}.
 */
public final class AccessRequests {

    private static final char[] ID_CHARS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final RequestStore requests;
    private final GrantStore grants;
    private final RequestAssessor assessor;
    private final TransitionLog log;
    private final Decisions decisions;
    private final Clock clock;

    public AccessRequests(Database db, GrantStore grants, AuditLog audit, EventJournal journal, Clock clock,
            SecretCatalog catalog) {
        this.db = db;
        this.requests = new RequestStore(db);
        this.grants = grants;
        this.assessor = new RequestAssessor(catalog, grants::live);
        this.log = new TransitionLog(audit, journal);
        this.clock = clock;
        this.decisions = new Decisions(db, requests, grants, log, clock);
    }

    /** What a submit of {@code draft} would do, changing nothing. */
    public Assessment dryRun(Caller caller, Policy policy, RequestDraft draft) {
        return assessor.assess(caller, policy, draft, clock.instant());
    }

    /**
     * Files a request; when an auto-approval rule covers it, it is approved (and its grant made)
     * in the same transaction.
     */
    public AccessRequest submit(Caller caller, Policy policy, RequestDraft draft, String client) {
        Instant now = clock.instant();
        Assessment a = assessor.assess(caller, policy, draft, now);
        if (!a.problems().isEmpty()) {
            Problem first = a.problems().stream().min(Comparator.comparing(Problem::kind)).orElseThrow();
            throw AccessRequestException.of(first);
        }
        Assessment.Valid v = a.valid().orElseThrow();
        ScopePolicy scope = v.scope();
        AccessRequest pending = new AccessRequest(newId("r_"), caller.subject(), caller.username(), caller.name(), scope.id(),
                v.secrets(), v.justification(), v.duration(), v.startAt(), now, now.plus(scope.requestTtl()),
                scope.reviewSla(), a.reviewers(), RequestState.PENDING, Optional.empty(), Optional.empty(),
                Optional.empty(), draft.extendsGrant(), Optional.empty(), Optional.empty());
        Optional<Grant> grant = a.rule().map(rule -> decisions.grantFor(pending, now));
        // The answer is read in the filing's transaction: see Transactions.answer.
        return Transactions.answer(db, "file an access request", tx -> {
            Connection c = tx.connection();
            requests.insert(c, pending);
            if (grant.isPresent()) {
                boolean approved = requests.decide(c, pending.id(), new RequestStore.Transition(RequestState.APPROVED,
                        AccessRequest.POLICY_PREFIX + a.rule().get().name(), null, now, null, grant.get().id()));
                if (!approved) {
                    throw new IllegalStateException("a request just inserted was not pending");
                }
                grants.insert(c, grant.get());
            }
            AccessRequest filed = decisions.withGrant(c, requests.find(c, pending.id()));
            log.filed(tx, filed, client);
            return Optional.of(filed);
        }).orElseThrow();
    }

    /** What a request to extend {@code grantId} would do, changing nothing. */
    public Assessment dryRunExtension(Caller caller, Policy policy, String grantId, String duration,
            String justification) {
        return dryRun(caller, policy, extension(caller, policy, grantId, duration, justification));
    }

    /** Files a request for more time on a grant; approved, its grant starts where this one ends. */
    public AccessRequest extend(Caller caller, Policy policy, String grantId, String duration, String justification,
            String client) {
        return submit(caller, policy, extension(caller, policy, grantId, duration, justification), client);
    }

    private RequestDraft extension(Caller caller, Policy policy, String grantId, String duration, String justification) {
        Grant g = decisions.visibleGrant(caller, policy, grantId);
        if (!g.grantee().equals(caller.subject())) {
            throw AccessRequestException.forbidden("only " + g.granteeName() + " may extend grant " + g.id());
        }
        GrantState state = g.state(clock.instant());
        if (state == GrantState.REVOKED || state == GrantState.ENDED) {
            throw AccessRequestException.conflict("grant " + g.id() + " is " + state.word()
                    + "; request access to " + g.scope() + " anew");
        }
        return new RequestDraft(g.scope().toString(), g.secrets(), justification, duration, null, Optional.of(g.id()));
    }

    /** One request, for its requester, the scope's reviewers and admins. */
    public AccessRequest get(Caller caller, Policy policy, String id) {
        return decisions.visible(caller, policy, id);
    }

    /** The caller's own requests, newest first. */
    public List<AccessRequest> mine(Caller caller) {
        return withGrants(decisions.current(requests.byRequester(caller.subject())));
    }

    /** Pending requests the caller may decide: they review the scope and did not file it. Newest first. */
    public List<AccessRequest> toReview(Caller caller, Policy policy) {
        List<AccessRequest> out = new ArrayList<>();
        for (AccessRequest r : decisions.current(requests.pendingNotBy(caller.subject()))) {
            boolean reviewer = policy.scope(r.scope()).map(s -> s.mayApprove(caller.groups())).orElse(false);
            if (reviewer && r.state() == RequestState.PENDING) {
                out.add(r);
            }
        }
        return out;
    }

    public AccessRequest cancel(Caller caller, Policy policy, String id, String client) {
        return decisions.cancel(caller, policy, id, client);
    }

    public AccessRequest approve(Caller caller, Policy policy, String id, Optional<String> reason, String client) {
        return decisions.approve(caller, policy, id, reason, client);
    }

    public AccessRequest deny(Caller caller, Policy policy, String id, String reason, String client) {
        return decisions.deny(caller, policy, id, reason, client);
    }

    /** Takes a grant back; the grantee's next call is refused. */
    public Grant revoke(Caller caller, Policy policy, String grantId, Optional<String> reason, String client) {
        return decisions.revoke(caller, policy, grantId, reason, client);
    }

    /** The caller's grants: those scheduled or active, or with {@code all} every one. */
    public List<Grant> grants(Caller caller, boolean all) {
        return grants.forGrantee(caller.subject(), all, clock.instant());
    }

    /** Expires every pending request whose time ran out; the sweep calls it. */
    public int expireLapsed() {
        return decisions.expireLapsed();
    }

    private List<AccessRequest> withGrants(List<AccessRequest> list) {
        return list.stream().map(r -> r.grantId().isEmpty() ? r : r.withGrant(r.grantId().flatMap(grants::find)))
                .toList();
    }

    /** A fresh id: the prefix and 20 characters (100 random bits). */
    static String newId(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < 20; i++) {
            b.append(ID_CHARS[RANDOM.nextInt(ID_CHARS.length)]);
        }
        return b.toString();
    }
}
