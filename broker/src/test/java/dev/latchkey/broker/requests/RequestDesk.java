package dev.latchkey.broker.requests;

import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.events.EventJournal;
import dev.latchkey.broker.grants.GrantAnnouncements;
import dev.latchkey.broker.grants.GrantStore;
import dev.latchkey.broker.store.Database;
import java.time.Clock;
import java.time.Duration;

/**
 * The requests layer without HTTP, as the broker wires it: access requests, the audit log and a
 * sweep over the test's database, publishing to the test's journal. No sweep's timer is started:
 * a sweep runs only when the test calls it.
 */
final class RequestDesk {

    final AuditLog audit;
    final AccessRequests requests;
    final AccessSweep sweep;
    private final Database db;
    private final EventJournal journal;
    private final Clock clock;

    RequestDesk(Database db, EventJournal journal, Clock clock) {
        this.db = db;
        this.journal = journal;
        this.clock = clock;
        audit = new AuditLog(db, clock);
        requests = new AccessRequests(db, new GrantStore(db), audit, journal, clock, SecretCatalog.DECLARED);
        sweep = newSweep();
    }

    /** A sweep of its own over the same requests, as each broker replica has. */
    AccessSweep newSweep() {
        return new AccessSweep(requests, new GrantAnnouncements(new GrantStore(db), audit, journal, clock,
                Duration.ofMinutes(15)));
    }
}
