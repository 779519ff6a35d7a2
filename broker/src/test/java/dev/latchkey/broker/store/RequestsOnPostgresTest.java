package dev.latchkey.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.access.AccessState;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.audit.AuditRecord;
import dev.latchkey.broker.events.EventJournal;
import dev.latchkey.broker.grants.GrantAccess;
import dev.latchkey.broker.grants.GrantAnnouncements;
import dev.latchkey.broker.grants.GrantStore;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.requests.AccessRequest;
import dev.latchkey.broker.requests.AccessRequestException;
import dev.latchkey.broker.requests.AccessRequests;
import dev.latchkey.broker.requests.AccessSweep;
import dev.latchkey.broker.requests.RequestDraft;
import dev.latchkey.broker.requests.RequestState;
import dev.latchkey.broker.requests.SecretCatalog;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.broker.testing.PostgresCluster;
import dev.latchkey.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Access requests and grants on PostgreSQL: the same portable SQL, the same single-winner
 * decisions. Needs PostgreSQL's binaries (a real part: a failure under LATCHKEY_REQUIRE_REAL_PARTS).
 */
class RequestsOnPostgresTest {

    static final Caller ADA = new Caller("sub-ada", "ada", Set.of("payments-dev"), "latchkey");

    @Test
    void requestsDecisionsGrantsAndSweepsWorkOnPostgres() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
        String url = PostgresCluster.shared().newDatabase();
        Policy policy = DemoOrganisation.policy(0);
        try (Database db = Database.open(url)) {
            AuditLog audit = new AuditLog(db, clock);
            GrantStore grants = new GrantStore(db);
            AccessRequests requests = new AccessRequests(db, grants, audit, EventJournal.NONE, clock,
                    SecretCatalog.DECLARED);
            AccessSweep sweep = new AccessSweep(requests,
                    new GrantAnnouncements(grants, audit, EventJournal.NONE, clock, Duration.ofMinutes(15)));

            AccessRequest auto = requests.submit(ADA, policy,
                    new RequestDraft("payments/staging", List.of("db-url"), "load test", "2h", null), "test");
            assertThat(auto.decidedBy()).contains("policy:staging-short");
            var staging = policy.scope(new ScopeId("payments", "staging")).orElseThrow();
            assertThat(new GrantAccess(grants).readAccess(ADA, staging, clock.instant())).hasValueSatisfying(a -> {
                assertThat(a).isInstanceOfSatisfying(AccessState.Granted.class, g -> {
                    assertThat(g.until()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
                    assertThat(g.secrets()).containsExactly("db-url");
                });
            });

            AccessRequest pending = requests.submit(ADA, policy,
                    new RequestDraft("payments/prod", null, "PAY-5 refund investigation", "1h", null), "test");
            ExecutorService pool = Executors.newFixedThreadPool(10);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Caller lead = new Caller("sub-lead" + i, "lead" + i, Set.of("payments-leads"), "latchkey");
                boolean approve = i % 2 == 0;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        return approve ? requests.approve(lead, policy, pending.id(), Optional.empty(), "test").state().word()
                                : requests.deny(lead, policy, pending.id(), "no", "test").state().word();
                    } catch (AccessRequestException e) {
                        return e.kind().name();
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(results.stream().filter(r -> !r.equals("CONFLICT"))).hasSize(1);
            List<String> rows = audit.after(0, 1000).stream().map(AuditRecord::event)
                    .filter(e -> e.target().equals(pending.id())).map(e -> e.action()).toList();
            assertThat(rows).hasSize(2).startsWith("request.create");

            // Later than the hour the decision above may have granted: a person's grants never overlap.
            AccessRequest stale = requests.submit(ADA, policy, new RequestDraft("payments/prod", null,
                    "PAY-6 nightly batch", "1h", clock.instant().plus(Duration.ofHours(2)).toString()), "test");
            clock.advance(Duration.ofHours(25));
            assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);
            assertThat(requests.get(ADA, policy, stale.id()).state()).isEqualTo(RequestState.EXPIRED);
            assertThat(requests.mine(ADA)).hasSize(3);
            assertThat(requests.grants(ADA, true)).isNotEmpty();
        }
    }
}
