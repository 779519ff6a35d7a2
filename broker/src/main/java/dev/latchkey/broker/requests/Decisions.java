package dev.latchkey.broker.requests;

import dev.latchkey.broker.grants.Grant;
import dev.latchkey.broker.grants.GrantState;
import dev.latchkey.broker.grants.GrantStore;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.policy.ScopePolicy;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Moves requests and grants on: approve, deny, cancel, expire, revoke. Each is checked (who may,
 * in which state) and then made by one conditional UPDATE; a caller whose UPDATE changes nothing
 * lost to another and is told what the request is now (409). The winner's audit row and event are
 * written in the UPDATE's transaction ({@link TransitionLog}).
 */
final class Decisions {

    /** The longest reason kept. */
    static final int MAX_REASON = 1_000;

    private final Database db;
    private final RequestStore requests;
    private final GrantStore grants;
    private final TransitionLog log;
    private final Clock clock;

    Decisions(Database db, RequestStore requests, GrantStore grants, TransitionLog log, Clock clock) {
        this.db = db;
        this.requests = requests;
        this.grants = grants;
        this.log = log;
        this.clock = clock;
    }

    AccessRequest approve(Caller caller, Policy policy, String id, Optional<String> reason, String client) {
        AccessRequest r = decidable(caller, policy, id, "approve");
        Optional<String> why = reason(reason.orElse(null), false);
        Instant now = clock.instant();
        if (r.extendsGrant().isPresent()) {
            Optional<Grant> old = grants.find(r.extendsGrant().get());
            if (old.isEmpty() || old.get().revoked().isPresent()) {
                throw AccessRequestException.conflict("request " + r.id() + " extends grant " + r.extendsGrant().get()
                        + ", which was revoked; deny it, or ask the requester to request access anew");
            }
        }
        Grant grant = grantFor(r, now);
        RequestStore.Transition t = new RequestStore.Transition(RequestState.APPROVED, caller.username(),
                caller.subject(), now, why.orElse(null), grant.id());
        return decide(caller, r, t, client, c -> grants.insert(c, grant));
    }

    AccessRequest deny(Caller caller, Policy policy, String id, String reason, String client) {
        AccessRequest r = decidable(caller, policy, id, "deny");
        Optional<String> why = reason(reason, true);
        RequestStore.Transition t = new RequestStore.Transition(RequestState.DENIED, caller.username(),
                caller.subject(), clock.instant(), why.orElseThrow(), null);
        return decide(caller, r, t, client, c -> { });
    }

    AccessRequest cancel(Caller caller, Policy policy, String id, String client) {
        AccessRequest r = visible(caller, policy, id);
        if (!r.requester().equals(caller.subject())) {
            throw AccessRequestException.forbidden("only " + r.requesterName() + ", who filed request " + r.id()
                    + ", may cancel it; reviewers deny it instead");
        }
        if (r.state() != RequestState.PENDING) {
            throw AccessRequestException.conflict(describe(r));
        }
        RequestStore.Transition t = new RequestStore.Transition(RequestState.CANCELLED, caller.username(),
                caller.subject(), clock.instant(), null, null);
        return decide(caller, r, t, client, c -> { });
    }

    Grant revoke(Caller caller, Policy policy, String grantId, Optional<String> reason, String client) {
        Grant g = visibleGrant(caller, policy, grantId);
        Optional<String> why = reason(reason.orElse(null), false);
        Instant now = clock.instant();
        GrantState state = g.state(now);
        if (state == GrantState.REVOKED || state == GrantState.ENDED) {
            throw AccessRequestException.conflict(describe(g, now));
        }
        Grant.Revocation rev = new Grant.Revocation(caller.username(), caller.subject(), now, why);
        Optional<Grant> won = Transactions.answer(db, "revoke a grant", tx -> {
            Connection c = tx.connection();
            if (!grants.revoke(c, g.id(), rev)) {
                return Optional.empty();
            }
            requests.revoke(c, g.requestId());
            Grant revoked = grants.find(c, g.id()).orElseThrow();
            log.revoked(tx, revoked, caller.subject(), client);
            return Optional.of(revoked);
        });
        if (won.isEmpty()) {
            throw AccessRequestException.conflict(describe(grants.find(g.id()).orElseThrow(), now));
        }
        return won.get();
    }

    /** Expires lapsed pending requests, each once; returns how many this call expired. */
    int expireLapsed() {
        int n = 0;
        for (AccessRequest r : requests.lapsed(clock.instant())) {
            n += expire(r) ? 1 : 0;
        }
        return n;
    }

    /** The grant an approval of {@code r} at {@code now} makes: an extension follows on from its grant. */
    Grant grantFor(AccessRequest r, Instant now) {
        Instant start = r.startAt().filter(s -> s.isAfter(now)).orElse(now);
        if (r.extendsGrant().isPresent()) {
            Instant oldEnd = grants.find(r.extendsGrant().get()).map(Grant::endsAt).orElse(now);
            start = oldEnd.isAfter(now) ? oldEnd : now;
        }
        return new Grant(AccessRequests.newId("g_"), r.id(), r.requester(), r.requesterName(), r.scope(), r.secrets(),
                start, start.plus(r.duration()), Optional.empty());
    }

    /** A request the caller may see (requester, the scope's reviewers, admins), expired first if due. */
    AccessRequest visible(Caller caller, Policy policy, String id) {
        AccessRequest r = requests.find(id).orElseThrow(() -> AccessRequestException.notFound("request " + clip(id)));
        boolean mine = r.requester().equals(caller.subject());
        boolean reviewer = policy.scope(r.scope()).map(s -> s.mayApprove(caller.groups())).orElse(false);
        if (!mine && !reviewer && !policy.isAdmin(caller.groups())) {
            throw AccessRequestException.notFound("request " + clip(id));
        }
        return withGrant(current(List.of(r)).getFirst());
    }

    /** A grant the caller may see and revoke: the grantee, the scope's reviewers, admins. */
    Grant visibleGrant(Caller caller, Policy policy, String id) {
        Grant g = grants.find(id).orElseThrow(() -> AccessRequestException.notFound("grant " + clip(id)));
        boolean mine = g.grantee().equals(caller.subject());
        boolean reviewer = policy.scope(g.scope()).map(s -> s.mayApprove(caller.groups())).orElse(false);
        if (!mine && !reviewer && !policy.isAdmin(caller.groups())) {
            throw AccessRequestException.notFound("grant " + clip(id));
        }
        return g;
    }

    /** The requests as they stand now: a pending one whose time ran out is expired on the way. */
    List<AccessRequest> current(List<AccessRequest> list) {
        Instant now = clock.instant();
        List<AccessRequest> out = new ArrayList<>(list.size());
        for (AccessRequest r : list) {
            if (r.lapsedAt(now)) {
                expire(r);
                out.add(requests.find(r.id()).orElseThrow());
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private boolean expire(AccessRequest r) {
        Instant now = clock.instant();
        return Transactions.run(db, "expire an access request", tx -> {
            if (!requests.expire(tx.connection(), r.id(), now)) {
                return false;
            }
            log.expired(tx, requests.find(tx.connection(), r.id()));
            return true;
        });
    }

    /** Checks that {@code caller} may decide request {@code id} now. */
    private AccessRequest decidable(Caller caller, Policy policy, String id, String verb) {
        AccessRequest r = visible(caller, policy, id);
        if (r.requester().equals(caller.subject())) {
            throw AccessRequestException.forbidden("you cannot " + verb + " your own request; "
                    + (r.reviewers().isEmpty() ? "" : "members of " + r.reviewers() + " review it"));
        }
        ScopePolicy scope = policy.scope(r.scope()).orElseThrow(() ->
                AccessRequestException.conflict(r.scope() + " is no longer in the policy"));
        if (!scope.mayApprove(caller.groups())) {
            throw AccessRequestException.forbidden("only members of " + new TreeSet<>(scope.approve())
                    + " may decide requests for " + r.scope());
        }
        if (r.state() != RequestState.PENDING) {
            throw AccessRequestException.conflict(describe(r));
        }
        return r;
    }

    @FunctionalInterface
    private interface AlsoDo {
        void run(Connection c) throws SQLException;
    }

    private AccessRequest decide(Caller caller, AccessRequest r, RequestStore.Transition t, String client, AlsoDo also) {
        // The answer is read in the decision's transaction: see Transactions.answer.
        Optional<AccessRequest> won = Transactions.answer(db, "decide an access request", tx -> {
            Connection c = tx.connection();
            if (!requests.decide(c, r.id(), t)) {
                return Optional.empty();
            }
            also.run(c);
            AccessRequest decided = withGrant(c, requests.find(c, r.id()));
            log.decided(tx, decided, caller.subject(), client);
            return Optional.of(decided);
        });
        if (won.isEmpty()) {
            // Someone else moved it first, or its time ran out: say what it is now.
            AccessRequest now = current(List.of(requests.find(r.id()).orElseThrow())).getFirst();
            throw AccessRequestException.conflict(describe(now));
        }
        return won.get();
    }

    private AccessRequest withGrant(AccessRequest r) {
        return r.grantId().isEmpty() ? r : r.withGrant(r.grantId().flatMap(grants::find));
    }

    /** {@code r} with its grant as the transaction on {@code c} sees it. */
    AccessRequest withGrant(Connection c, AccessRequest r) throws SQLException {
        return r.grantId().isEmpty() ? r : r.withGrant(grants.find(c, r.grantId().get()));
    }

    private static Optional<String> reason(String text, boolean required) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            if (required) {
                throw new AccessRequestException(AccessRequestException.Kind.INVALID, "reason",
                        "say why you deny it: the requester reads the reason");
            }
            return Optional.empty();
        }
        if (t.codePointCount(0, t.length()) > MAX_REASON) {
            throw new AccessRequestException(AccessRequestException.Kind.INVALID, "reason",
                    "a reason may be at most " + MAX_REASON + " characters");
        }
        return Optional.of(t);
    }

    /** What a request is now, for a 409: "request r_.. is already approved by grace at ...". */
    static String describe(AccessRequest r) {
        String at = r.decidedAt().map(Instant::toString).orElse("?");
        String by = r.decidedBy().orElse("?");
        return switch (r.state()) {
            case PENDING -> "request " + r.id() + " is still pending";
            case APPROVED -> "request " + r.id() + " is already approved by " + by + " at " + at;
            case DENIED -> "request " + r.id() + " is already denied by " + by + " at " + at;
            case CANCELLED -> "request " + r.id() + " was cancelled by " + by + " at " + at;
            case EXPIRED -> "request " + r.id() + " expired undecided at " + at;
            case REVOKED -> "request " + r.id() + " was approved by " + by + " and its grant has been revoked";
        };
    }

    static String describe(Grant g, Instant now) {
        return switch (g.state(now)) {
            case REVOKED -> "grant " + g.id() + " was already revoked by " + g.revoked().orElseThrow().by() + " at "
                    + g.revoked().orElseThrow().at();
            case ENDED -> "grant " + g.id() + " already ended at " + g.endsAt();
            case SCHEDULED, ACTIVE -> "grant " + g.id() + " is " + g.state(now).word();
        };
    }

    private static String clip(String id) {
        return id.length() > 60 ? id.substring(0, 60) + "..." : id;
    }
}
