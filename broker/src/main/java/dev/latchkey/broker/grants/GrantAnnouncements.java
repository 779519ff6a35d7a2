package dev.latchkey.broker.grants;

import dev.latchkey.broker.audit.AuditEvent;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.events.EventJournal;
import dev.latchkey.broker.store.Transaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells grantees what time does to their grants: starting, ending soon ({@code lead} before the
 * end), ended. Grants change state by the clock, not by a call, so a sweep finds what changed
 * since the last one; each announcement is claimed with a conditional UPDATE of its flag in the
 * transaction that writes it, so it goes out once however many sweeps (or replicas) run, and is
 * never lost to a broker that stops half-way. A start and an end are audited too.
 */
public final class GrantAnnouncements {

    private final GrantStore grants;
    private final AuditLog audit;
    private final EventJournal journal;
    private final Clock clock;
    private final Duration lead;

    public GrantAnnouncements(GrantStore grants, AuditLog audit, EventJournal journal, Clock clock, Duration lead) {
        this.grants = grants;
        this.audit = audit;
        this.journal = journal;
        this.clock = clock;
        this.lead = lead;
    }

    /**
     * Announces everything due at the clock's now; returns how many announcements this call made.
     * A grant's end waits until its start is recorded, so its rows and events come in order even
     * when sweeps run at once (replicas); a grant that both started and ended since the last sweep
     * has its end recorded by the next one. Each announcement (flag, audit row, event) is one
     * transaction: it happens once, whole, whoever sweeps and whatever fails.
     */
    public int sweep() {
        Instant now = clock.instant();
        int n = 0;
        for (Grant g : grants.startedUnannounced(now)) {
            // A grant that began and ended while nobody swept (a stopped broker) is not "starting".
            boolean starting = g.activeAt(now);
            n += count(grants.announce(g.id(), GrantStore.Flag.START, tx -> {
                audit.appendAll(tx.connection(), List.of(new AuditEvent("broker", "broker", "grant.start", g.id(),
                        "active", g.scope() + " for " + g.granteeName() + " until " + g.endsAt())));
                if (starting) {
                    publish(tx, g, "grant.starting", Map.of("startsAt", g.startsAt(), "endsAt", g.endsAt()));
                }
            }));
        }
        if (lead.isPositive()) {
            for (Grant g : grants.endingUnwarned(now, lead)) {
                n += count(grants.announce(g.id(), GrantStore.Flag.WARNING,
                        tx -> publish(tx, g, "grant.ending-soon", Map.of("endsAt", g.endsAt()))));
            }
        }
        for (Grant g : grants.endedUnannounced(now)) {
            n += count(grants.announce(g.id(), GrantStore.Flag.END, tx -> {
                audit.appendAll(tx.connection(), List.of(new AuditEvent("broker", "broker", "grant.end", g.id(),
                        "ended", g.scope() + " for " + g.granteeName() + " at " + g.endsAt())));
                publish(tx, g, "grant.ended", Map.of("endsAt", g.endsAt()));
            }));
        }
        return n;
    }

    private static int count(boolean made) {
        return made ? 1 : 0;
    }

    private void publish(Transaction tx, Grant g, String type, Map<String, Object> more) throws SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("grantId", g.id());
        data.put("scope", g.scope().toString());
        data.putAll(more);
        journal.publish(tx, new EventJournal.Audience.Subject(g.grantee()), type, data);
    }
}
