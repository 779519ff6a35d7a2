package dev.latchkey.broker.grants;

import dev.latchkey.broker.audit.AuditEvent;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.events.EventJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells grantees what time does to their grants: starting, ending soon ({@code lead} before the
 * end), ended. Grants change state by the clock, not by a call, so a sweep finds what changed
 * since the last one; each announcement is claimed with a conditional UPDATE of its flag, so it
 * goes out once however many sweeps (or replicas) run. A start and an end are audited too.
 */
public final class GrantAnnouncements {

    private static final Logger LOG = LoggerFactory.getLogger(GrantAnnouncements.class);

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
     * has its end recorded by the next one.
     */
    public int sweep() {
        Instant now = clock.instant();
        int n = 0;
        for (Grant g : grants.startedUnannounced(now)) {
            if (grants.claim(g.id(), GrantStore.Flag.START)) {
                n++;
                audit.append(new AuditEvent("broker", "broker", "grant.start", g.id(), "active",
                        g.scope() + " for " + g.granteeName() + " until " + g.endsAt()));
                // A grant that began and ended while nobody swept (a stopped broker) is not "starting".
                if (g.activeAt(now)) {
                    publish(g, "grant.starting", Map.of("startsAt", g.startsAt(), "endsAt", g.endsAt()));
                }
                grants.startRecorded(g.id());
            }
        }
        if (lead.isPositive()) {
            for (Grant g : grants.endingUnwarned(now, lead)) {
                if (grants.claim(g.id(), GrantStore.Flag.WARNING)) {
                    n++;
                    publish(g, "grant.ending-soon", Map.of("endsAt", g.endsAt()));
                }
            }
        }
        for (Grant g : grants.endedUnannounced(now)) {
            if (grants.claim(g.id(), GrantStore.Flag.END)) {
                n++;
                audit.append(new AuditEvent("broker", "broker", "grant.end", g.id(), "ended",
                        g.scope() + " for " + g.granteeName() + " at " + g.endsAt()));
                publish(g, "grant.ended", Map.of("endsAt", g.endsAt()));
            }
        }
        return n;
    }

    private void publish(Grant g, String type, Map<String, Object> more) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("grantId", g.id());
        data.put("scope", g.scope().toString());
        data.putAll(more);
        try {
            journal.publish(new EventJournal.Audience.Subject(g.grantee()), type, data);
        } catch (RuntimeException e) {
            LOG.warn("could not record the {} event for grant {}: {}", type, g.id(), e.getMessage());
        }
    }
}
