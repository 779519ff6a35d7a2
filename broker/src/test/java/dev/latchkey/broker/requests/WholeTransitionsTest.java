package dev.latchkey.broker.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.broker.audit.AuditRecord;
import dev.latchkey.broker.events.EventJournal;
import dev.latchkey.broker.events.JdbcEventJournal;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import dev.latchkey.broker.store.Transaction;
import dev.latchkey.testsupport.MutableClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transition is kept whole or not at all: its state change, its audit row and its event commit
 * in one transaction. Here the event cannot be written (as when the database goes away between
 * the statements, or a broker is killed there): nothing of the transition stays, and once the
 * journal works again the same transition is made, once.
 */
class WholeTransitionsTest {

    static final Caller ADA = new Caller("sub-ada", "ada", Set.of("payments-dev"), "latchkey");
    static final Caller JOAN = new Caller("sub-joan", "joan", Set.of("payments-leads"), "latchkey");

    /** The real journal, made to fail at the event when told to. */
    static final class FailingJournal implements EventJournal {
        final JdbcEventJournal real;
        final AtomicBoolean fail = new AtomicBoolean();

        FailingJournal(JdbcEventJournal real) {
            this.real = real;
        }

        @Override
        public void publish(Audience audience, String type, Map<String, Object> data) {
            real.publish(audience, type, data);
        }

        @Override
        public void publish(Transaction tx, Audience audience, String type, Map<String, Object> data)
                throws SQLException {
            real.publish(tx, audience, type, data);
            if (fail.get()) {
                throw new SQLException("the connection was lost (test)", "08006");
            }
        }
    }

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
    final Policy policy = DemoOrganisation.policy(0);
    Database db;
    JdbcEventJournal events;
    FailingJournal journal;
    RequestDesk desk;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        events = JdbcEventJournal.open(db, clock);
        journal = new FailingJournal(events);
        desk = new RequestDesk(db, journal, clock);
    }

    @AfterEach
    void close() {
        events.close();
        db.close();
    }

    @Test
    void aDecisionWhoseEventFailsIsNotKeptAndCanBeMadeAgain() {
        AccessRequest r = prod();
        long head = events.storedHead();
        journal.fail.set(true);
        assertThatThrownBy(() -> desk.requests.approve(JOAN, policy, r.id(), Optional.empty(), "test"))
                .isInstanceOf(StoreException.class).hasMessageContaining("cannot decide an access request");
        assertThat(desk.requests.get(ADA, policy, r.id()).state()).isEqualTo(RequestState.PENDING);
        assertThat(desk.requests.grants(ADA, true)).isEmpty();
        assertThat(actions(r.id())).containsExactly("request.create");
        assertThat(events.storedHead()).isEqualTo(head);
        assertThat(desk.audit.verify()).isEmpty();

        journal.fail.set(false);
        desk.requests.approve(JOAN, policy, r.id(), Optional.empty(), "test");
        assertThat(actions(r.id())).containsExactly("request.create", "request.approve");
        assertThat(events.after(ADA, head, 10)).extracting(e -> e.type()).containsExactly("request.decided");
    }

    @Test
    void aFilingWhoseEventFailsLeavesNoRequest() {
        journal.fail.set(true);
        assertThatThrownBy(this::prod).isInstanceOf(StoreException.class);
        assertThat(desk.requests.mine(ADA)).isEmpty();
        assertThat(desk.audit.after(0, 100)).isEmpty();
    }

    @Test
    void aGrantEndWhoseEventFailsIsAnnouncedByTheNextSweepOnce() {
        AccessRequest r = prod();
        String grant = desk.requests.approve(JOAN, policy, r.id(), Optional.empty(), "test").grantId().orElseThrow();
        assertThat(desk.sweep.sweep()).isEqualTo(1); // the start
        clock.advance(Duration.ofHours(2));
        journal.fail.set(true);
        assertThatThrownBy(desk.sweep::sweep).isInstanceOf(StoreException.class); // the timer logs it and sweeps again
        journal.fail.set(false);
        assertThat(desk.sweep.sweep()).isEqualTo(1);
        assertThat(desk.sweep.sweep()).isZero();
        assertThat(actions(grant)).containsExactly("grant.start", "grant.end");
        assertThat(events.after(ADA, 0, 100)).extracting(e -> e.type())
                .containsExactly("request.decided", "grant.starting", "grant.ended");
    }

    private AccessRequest prod() {
        return desk.requests.submit(ADA, policy, new RequestDraft("payments/prod", null, "PAY-1 incident review", "1h", null),
                "test");
    }

    private List<String> actions(String target) {
        return desk.audit.after(0, 10_000).stream().map(AuditRecord::event).filter(e -> e.target().equals(target))
                .map(e -> e.action()).toList();
    }
}
