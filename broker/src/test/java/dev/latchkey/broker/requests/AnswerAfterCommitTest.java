package dev.latchkey.broker.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.events.EventJournal;
import dev.latchkey.broker.grants.Grant;
import dev.latchkey.broker.grants.GrantStore;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import dev.latchkey.testsupport.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A change whose transaction committed is answered as made, even when the database goes away the
 * instant after the commit (PostgreSQL crashing under a replica). Were it answered 503 instead, the
 * client would send it again and be told 409, a conflict with its own change; a filing sent again
 * would be filed twice. The database is closed by the first thing that runs after the commit: the
 * delivery of the change's event.
 */
class AnswerAfterCommitTest {

    static final Caller ADA = new Caller("sub-ada", "ada", Set.of("payments-dev"), "latchkey");
    static final Caller LEAD = new Caller("sub-grace", "grace", Set.of("payments-leads"), "latchkey");

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
    final Policy policy = DemoOrganisation.policy(0);
    final Database db = Database.inMemory();
    /** The event type whose delivery, after its transaction's commit, takes the database away. */
    final AtomicReference<String> crashAfter = new AtomicReference<>("");
    final EventJournal crashing = (audience, type, data) -> {
        if (type.equals(crashAfter.get())) {
            db.close();
        }
    };
    final AccessRequests requests = new AccessRequests(db, new GrantStore(db), new AuditLog(db, clock), crashing, clock,
            SecretCatalog.DECLARED);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anApprovalCommittedJustBeforeTheDatabaseWentAwayIsAnsweredAsMade() {
        AccessRequest pending = requests.submit(ADA, policy, prod(), "test");
        crashAfter.set("request.decided");

        AccessRequest approved = requests.approve(LEAD, policy, pending.id(), Optional.empty(), "test");

        assertThat(approved.state()).isEqualTo(RequestState.APPROVED);
        assertThat(approved.decidedBy()).contains("grace");
        assertThat(approved.grant()).isPresent();
        assertDatabaseGone();
    }

    @Test
    void aDenialCommittedJustBeforeTheDatabaseWentAwayIsAnsweredAsMade() {
        AccessRequest pending = requests.submit(ADA, policy, prod(), "test");
        crashAfter.set("request.decided");

        AccessRequest denied = requests.deny(LEAD, policy, pending.id(), "not now", "test");

        assertThat(denied.state()).isEqualTo(RequestState.DENIED);
        assertDatabaseGone();
    }

    @Test
    void aFilingCommittedJustBeforeTheDatabaseWentAwayIsAnsweredAsFiled() {
        crashAfter.set("request.created");

        AccessRequest filed = requests.submit(ADA, policy, prod(), "test");

        assertThat(filed.state()).isEqualTo(RequestState.PENDING);
        assertThat(filed.id()).startsWith("r_");
        assertDatabaseGone();
    }

    @Test
    void aRevocationCommittedJustBeforeTheDatabaseWentAwayIsAnsweredAsMade() {
        AccessRequest pending = requests.submit(ADA, policy, prod(), "test");
        AccessRequest approved = requests.approve(LEAD, policy, pending.id(), Optional.empty(), "test");
        crashAfter.set("grant.revoked");

        Grant revoked = requests.revoke(ADA, policy, approved.grantId().orElseThrow(), Optional.of("done"), "test");

        assertThat(revoked.revoked()).hasValueSatisfying(r -> assertThat(r.by()).isEqualTo("ada"));
        assertDatabaseGone();
    }

    static RequestDraft prod() {
        return new RequestDraft("payments/prod", List.of("db-url"), "PAY-7 answer after commit", "1h", null);
    }

    /** The crash was real: nothing reads the database any more. */
    void assertDatabaseGone() {
        assertThatThrownBy(() -> requests.mine(ADA)).isInstanceOf(StoreException.class);
    }
}
