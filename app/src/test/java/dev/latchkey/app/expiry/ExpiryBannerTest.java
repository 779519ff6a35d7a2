package dev.latchkey.app.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.Notice;
import dev.latchkey.core.brokerapi.Scope;
import dev.latchkey.core.expiry.ExpiryMonitor;
import dev.latchkey.core.expiry.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpiryBannerTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private final ManualScheduler scheduler = new ManualScheduler(NOW);
    private final BannerModel banner = new BannerModel();
    private final ExpiryBanner expiry = new ExpiryBanner(new ExpiryMonitor(scheduler.clock(), Thresholds.DEFAULT), Thresholds.DEFAULT, banner, scheduler);

    private static Scope granted(String name, Duration left) {
        return new Scope(name, Scope.Access.GRANTED, Optional.of(NOW.plus(left)), Optional.empty());
    }

    private Optional<Notice> notice(String key) {
        return banner.notices().stream().filter(n -> n.key().equals(key)).findFirst();
    }

    @Test
    void aGrantWarnsAtFifteenAndFiveMinutesAndSaysWhenItHasEnded() {
        expiry.watchGrants(List.of(granted("payments/staging", Duration.ofMinutes(40)),
                new Scope("payments/dev", Scope.Access.STANDING, Optional.empty(), Optional.empty())));
        assertThat(banner.notices()).isEmpty();
        assertThat(scheduler.pending()).as("one timer, for the next warning").isEqualTo(1);

        scheduler.advance(Duration.ofMinutes(25));
        assertThat(notice("grant:payments/staging")).hasValueSatisfying(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.WARNING);
            assertThat(n.text()).isEqualTo("Your access to payments/staging ends in 15 min (at 10:40). "
                    + "Finish up, or ask for more time.");
        });
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(notice("grant:payments/staging")).map(Notice::text).hasValueSatisfying(t -> assertThat(t).contains("ends in 5 min"));
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(notice("grant:payments/staging")).hasValueSatisfying(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.ERROR);
            assertThat(n.text()).startsWith("Your access to payments/staging ended at 10:40.");
        });
        assertThat(banner.notices()).hasSize(1);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aGrantThatIsGoneIsForgottenAndItsNoticeWithdrawn() {
        expiry.watchGrants(List.of(granted("payments/staging", Duration.ofMinutes(3))));
        assertThat(notice("grant:payments/staging")).isPresent();
        expiry.watchGrants(List.of());
        assertThat(banner.notices()).isEmpty();
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(banner.notices()).isEmpty();
    }

    @Test
    void aLaunchedAppsCredentialsWarnUntilTheAppIsForgotten() {
        expiry.watch(new dev.latchkey.core.expiry.Expiring("launch:1", dev.latchkey.core.expiry.Expiring.Kind.LAUNCH,
                "payments-api", NOW.plus(Duration.ofMinutes(20))));
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(notice("launch:1")).map(Notice::text).hasValueSatisfying(t ->
                assertThat(t).startsWith("What payments-api was launched with ends in 15 min"));
        expiry.forget("launch:1");
        assertThat(notice("launch:1")).isEmpty();
        scheduler.advance(Duration.ofMinutes(20));
        assertThat(notice("launch:1")).isEmpty();
    }
}
