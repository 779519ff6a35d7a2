package dev.latchkey.app.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.DismissedNotices;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.Notice;
import dev.latchkey.app.tray.TrayState;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.expiry.ExpiryMonitor;
import dev.latchkey.core.expiry.Thresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each grant's warnings, countdown and "access has ended" state on the banner and the tray, on a
 * test clock: two grants of different ends in one scope, a 3-minute grant that counts down and
 * whose end stays until dismissed, and a revoked grant.
 */
class ExpiryBannerTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private final ManualScheduler scheduler = new ManualScheduler(NOW);
    private final BannerModel banner = new BannerModel();
    private final ExpiryMonitor monitor = new ExpiryMonitor(scheduler.clock(), Thresholds.DEFAULT);
    private final ExpiryBanner expiry = new ExpiryBanner(monitor, Thresholds.DEFAULT, banner, scheduler);
    private final List<String> notified = new ArrayList<>();

    {
        // As the app does: every event also becomes a desktop notification.
        monitor.addListener(e -> notified.add(expiry.describe(e)));
    }

    private static Grant grant(String id, String scope, List<String> secrets, Duration left) {
        return new Grant(id, "r_" + id, "ada", scope, secrets, Optional.of(NOW), NOW.plus(left), Grant.State.ACTIVE,
                Optional.empty(), Optional.empty());
    }

    private Optional<Notice> notice(String grantId) {
        return banner.notices().stream().filter(n -> n.key().equals("grant:" + grantId)).findFirst();
    }

    private String text(String grantId) {
        return notice(grantId).map(Notice::text).orElse("");
    }

    private TrayState tray() {
        return TrayState.of(monitor.items(), scheduler.clock().instant(), expiry.thresholds().first());
    }

    @Test
    void twoGrantsInOneScopeWarnAndEndEachOnItsOwn() {
        List<Grant> both = List.of(grant("g_stripe", "payments/prod", List.of("stripe-api-key"), Duration.ofMinutes(30)),
                grant("g_db", "payments/prod", List.of("db-url"), Duration.ofMinutes(6)));
        expiry.watchGrants(both);
        assertThat(text("g_db")).isEqualTo("Your access to payments/prod/db-url ends in 6 min (at 10:06). "
                + "Finish up, or ask for more time.");
        assertThat(notice("g_stripe")).as("30 minutes left: nothing to say yet").isEmpty();
        assertThat(tray()).isEqualTo(TrayState.WARNING);

        scheduler.advance(Duration.ofMinutes(1));
        assertThat(text("g_db")).startsWith("Your access to payments/prod/db-url ends in 5 min");
        assertThat(notified).hasSize(2).last().asString().contains("ends in 5 min");
        scheduler.advance(Duration.ofMinutes(4));
        assertThat(text("g_db")).as("it counts down to its end").contains("ends in 1 min");
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(notice("g_db")).hasValueSatisfying(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.ERROR);
            assertThat(n.text()).isEqualTo("Your access to payments/prod/db-url ended at 10:06. "
                    + "Request access again to keep working with it.");
        });
        assertThat(notice("g_stripe")).isEmpty();
        assertThat(tray()).isEqualTo(TrayState.EXPIRED);

        scheduler.advance(Duration.ofMinutes(9));
        assertThat(text("g_stripe")).startsWith("Your access to payments/prod/stripe-api-key ends in 15 min (at 10:30)");
        assertThat(notice("g_stripe").orElseThrow().actions()).extracting(Notice.Action::label).containsExactly("Extend …");
    }

    @Test
    void aThreeMinuteGrantCountsDownAndItsEndStaysUntilDismissed() {
        expiry.watchGrants(List.of(grant("g_1", "payments/staging", List.of(), Duration.ofMinutes(3))));
        assertThat(text("g_1")).startsWith("Your access to payments/staging ends in 3 min (at 10:03)");
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(text("g_1")).startsWith("Your access to payments/staging ends in 2 min");
        scheduler.advance(Duration.ofSeconds(59));
        assertThat(text("g_1")).contains("ends in 2 min");
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(text("g_1")).contains("ends in 1 min");
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(text("g_1")).startsWith("Your access to payments/staging ended at 10:03.");
        assertThat(notified).last().asString().startsWith("Your access to payments/staging ended at 10:03.");

        // The broker no longer lists the grant once it has ended: the end stays, and so does the tray's state.
        expiry.watchGrants(List.of());
        scheduler.advance(Duration.ofMinutes(30));
        assertThat(text("g_1")).startsWith("Your access to payments/staging ended at 10:03.");
        assertThat(tray()).isEqualTo(TrayState.EXPIRED);

        banner.dismissByUser("grant:g_1");
        assertThat(notice("g_1")).isEmpty();
        assertThat(tray()).isEqualTo(TrayState.OK);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aDismissedWarningStopsCountingUntilTheNextLeadTime() {
        expiry.watchGrants(List.of(grant("g_1", "payments/staging", List.of(), Duration.ofMinutes(10))));
        banner.dismissByUser("grant:g_1");
        scheduler.advance(Duration.ofMinutes(2));
        assertThat(notice("g_1")).isEmpty();
        assertThat(tray()).as("the grant still ends soon").isEqualTo(TrayState.WARNING);
        scheduler.advance(Duration.ofMinutes(3));
        assertThat(text("g_1")).contains("ends in 5 min");
    }

    @Test
    void aRevokedGrantEndsAtOnceSayingWhoAndWhyAndStaysUntilDismissed() {
        List<String> extended = new ArrayList<>();
        expiry.onExtend(extended::add);
        Grant db = grant("g_db", "payments/prod", List.of("db-url"), Duration.ofMinutes(10));
        expiry.watchGrants(List.of(db));
        notice("g_db").orElseThrow().actions().getFirst().run().run();
        assertThat(extended).as("Extend opens that grant's extension").containsExactly("g_db");

        scheduler.advance(Duration.ofMinutes(1));
        expiry.revoked("g_db", "payments/prod", "revoked by grace: incident over");
        assertThat(text("g_db")).isEqualTo("Your access to payments/prod/db-url was revoked by grace: incident over. "
                + "Request it again if you still need it.");
        assertThat(notified).last().isEqualTo(text("g_db"));
        expiry.watchGrants(List.of()); // the refreshed list no longer has it
        assertThat(tray()).isEqualTo(TrayState.EXPIRED);
        assertThat(monitor.check()).as("told once").isEmpty();
        banner.dismissByUser("grant:g_db");
        assertThat(tray()).isEqualTo(TrayState.OK);

        expiry.revoked("g_later", "payments/staging", "revoked by grace");
        assertThat(text("g_later")).as("a grant not watched yet (scheduled)")
                .isEqualTo("Your access to payments/staging was revoked by grace. Request it again if you still need it.");
    }

    @Test
    void aGrantSeenAgainIsNotWarnedAgain() {
        Grant g = grant("g_1", "payments/staging", List.of(), Duration.ofMinutes(10));
        expiry.watchGrants(List.of(g));
        int told = notified.size();
        expiry.watchGrants(List.of(g));
        expiry.watchGrants(List.of(g));
        assertThat(notified).hasSize(told);
        assertThat(monitor.check()).isEmpty();
    }

    @Test
    void aWarningDismissedBeforeARestartStaysDismissedUntilItsNextLeadTime(@TempDir Path config) {
        Grant g = grant("g_1", "payments/staging", List.of(), Duration.ofMinutes(10));
        BannerModel before = new BannerModel();
        new ExpiryBanner(new ExpiryMonitor(scheduler.clock(), Thresholds.DEFAULT), Thresholds.DEFAULT, before, scheduler,
                DismissedNotices.in(config)).watchGrants(List.of(g));
        before.dismissByUser("grant:g_1");

        // The app starts again: a new monitor and banner, the same config folder, the same grant listed.
        BannerModel after = new BannerModel();
        ExpiryMonitor again = new ExpiryMonitor(scheduler.clock(), Thresholds.DEFAULT);
        ExpiryBanner restarted = new ExpiryBanner(again, Thresholds.DEFAULT, after, scheduler, DismissedNotices.in(config));
        restarted.watchGrants(List.of(g));
        assertThat(after.notices()).as("dismissed at the 15-minute lead time before the restart").isEmpty();
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(after.notices()).extracting(Notice::text).singleElement().asString().contains("ends in 5 min");

        // Signing out forgets what the last person dismissed.
        restarted.forgetGrants();
        assertThat(DismissedNotices.in(config).entries()).isEmpty();
    }
}
