package dev.latchkey.core.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpiryMonitorTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final ExpiryMonitor monitor = new ExpiryMonitor(clock, Thresholds.DEFAULT);
    private final List<ExpiryEvent> heard = new ArrayList<>();

    {
        monitor.addListener(heard::add);
    }

    private static Expiring grant(String scope, Duration in) {
        return new Expiring("grant:" + scope, Expiring.Kind.GRANT, scope, T0.plus(in));
    }

    @Test
    void warnsAtFifteenAndFiveMinutesThenOnceAtExpiry() {
        Expiring g = grant("payments/staging", Duration.ofMinutes(40));
        monitor.watch(g);
        assertThat(monitor.check()).isEmpty();
        assertThat(monitor.worst()).isEqualTo(ExpiryState.OK);
        assertThat(monitor.nextCheck()).contains(T0.plus(Duration.ofMinutes(25)));

        clock.advance(Duration.ofMinutes(25));
        assertThat(monitor.check()).containsExactly(
                new ExpiryEvent.Warning(g, Duration.ofMinutes(15), Duration.ofMinutes(15)));
        assertThat(monitor.worst()).isEqualTo(ExpiryState.WARNING);
        assertThat(monitor.check()).as("each threshold once").isEmpty();

        clock.advance(Duration.ofMinutes(10));
        assertThat(monitor.check()).containsExactly(
                new ExpiryEvent.Warning(g, Duration.ofMinutes(5), Duration.ofMinutes(5)));
        assertThat(monitor.nextCheck()).contains(g.endsAt());

        clock.advance(Duration.ofMinutes(5));
        assertThat(monitor.check()).containsExactly(new ExpiryEvent.Expired(g));
        assertThat(monitor.worst()).isEqualTo(ExpiryState.EXPIRED);
        assertThat(monitor.check()).isEmpty();
        assertThat(monitor.nextCheck()).isEmpty();
        assertThat(heard).hasSize(3);
    }

    @Test
    void anItemWatchedLateGetsOneWarningForTheNearestThreshold() {
        Expiring token = new Expiring("sandbox:ledger", Expiring.Kind.SANDBOX_TOKEN, "ledger", T0.plus(Duration.ofMinutes(3)));
        monitor.watch(token);
        assertThat(monitor.check()).containsExactly(
                new ExpiryEvent.Warning(token, Duration.ofMinutes(5), Duration.ofMinutes(3)));
    }

    @Test
    void theWorstStateIsTheWorstOfAllItems() {
        monitor.watch(grant("payments/staging", Duration.ofHours(2)));
        monitor.watch(grant("payments/prod", Duration.ofMinutes(10)));
        assertThat(monitor.worst()).isEqualTo(ExpiryState.WARNING);
        assertThat(monitor.earliest()).map(Expiring::label).contains("payments/prod");
        monitor.forget("grant:payments/prod");
        assertThat(monitor.worst()).isEqualTo(ExpiryState.OK);
    }

    @Test
    void watchingTheSameIdAgainReplacesItAndStartsItsWarningsAfresh() {
        monitor.watch(grant("payments/staging", Duration.ofMinutes(10)));
        assertThat(monitor.check()).hasSize(1);
        monitor.watch(grant("payments/staging", Duration.ofMinutes(14))); // extended
        assertThat(monitor.items()).hasSize(1);
        assertThat(monitor.check()).hasSize(1);
    }

    @Test
    void leadTimesAreConfigurableAndChangingThemDoesNotRepeatWarnings() {
        ExpiryMonitor custom = new ExpiryMonitor(clock, new Thresholds(List.of(Duration.ofMinutes(1), Duration.ofMinutes(30))));
        Expiring g = grant("payments/dev", Duration.ofMinutes(20));
        custom.watch(g);
        assertThat(custom.check()).containsExactly(new ExpiryEvent.Warning(g, Duration.ofMinutes(30), Duration.ofMinutes(20)));
        custom.setThresholds(new Thresholds(List.of(Duration.ofMinutes(25), Duration.ofMinutes(2))));
        assertThat(custom.check()).isEmpty();
        clock.advance(Duration.ofMinutes(18));
        assertThat(custom.check()).singleElement().isInstanceOf(ExpiryEvent.Warning.class);
        assertThatThrownBy(() -> new Thresholds(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new Thresholds(List.of(Duration.ZERO))).hasMessageContaining("longer than zero");
    }

    @Test
    void eventsNameTheItemNeverAValue() {
        monitor.watch(new Expiring("session", Expiring.Kind.SESSION, "ada at http://127.0.0.1:1", T0));
        assertThat(monitor.check()).singleElement().hasToString(
                "Expired[item=Expiring[id=session, kind=SESSION, label=ada at http://127.0.0.1:1, endsAt=" + T0 + "]]");
    }

    @Test
    void twoGrantsInOneScopeWarnAndEndEachOnTheirOwn() {
        Expiring db = Expiring.grant("g_db", "payments/prod/db-url", T0.plus(Duration.ofMinutes(6)));
        Expiring stripe = Expiring.grant("g_stripe", "payments/prod/stripe-api-key", T0.plus(Duration.ofMinutes(30)));
        monitor.track(Expiring.Kind.GRANT, List.of(db, stripe));
        assertThat(monitor.check()).containsExactly(new ExpiryEvent.Warning(db, Duration.ofMinutes(15), Duration.ofMinutes(6)));
        clock.advance(Duration.ofMinutes(1));
        assertThat(monitor.check()).containsExactly(new ExpiryEvent.Warning(db, Duration.ofMinutes(5), Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(5));
        assertThat(monitor.check()).containsExactly(new ExpiryEvent.Expired(db));
        assertThat(monitor.ended()).containsExactly(db);
        assertThat(monitor.nextCheck()).as("the other grant's first warning").contains(stripe.endsAt().minus(Duration.ofMinutes(15)));
        assertThat(db.grantId()).contains("g_db");
    }

    @Test
    void trackingTheSameListAgainRepeatsNoWarning() {
        Expiring g = Expiring.grant("g_1", "payments/staging", T0.plus(Duration.ofMinutes(3)));
        monitor.track(Expiring.Kind.GRANT, List.of(g));
        assertThat(monitor.check()).hasSize(1);
        monitor.track(Expiring.Kind.GRANT, List.of(g));
        assertThat(monitor.check()).isEmpty();
    }

    @Test
    void anEndedGrantStaysEndedWhenItsSourceNoLongerListsItUntilItIsForgotten() {
        Expiring g = Expiring.grant("g_1", "payments/staging", T0.plus(Duration.ofMinutes(3)));
        monitor.track(Expiring.Kind.GRANT, List.of(g));
        clock.advance(Duration.ofMinutes(3));
        monitor.check();
        monitor.track(Expiring.Kind.GRANT, List.of());
        assertThat(monitor.worst()).isEqualTo(ExpiryState.EXPIRED);
        assertThat(monitor.ended()).containsExactly(g);
        assertThat(monitor.check()).as("the end is told once").isEmpty();
        monitor.forget(g.id());
        assertThat(monitor.worst()).isEqualTo(ExpiryState.OK);
    }

    @Test
    void aGrantGoneBeforeItsEndEndedEarlyAndIsReportedOnce() {
        Expiring g = Expiring.grant("g_1", "payments/prod", T0.plus(Duration.ofMinutes(50)));
        Expiring other = new Expiring("launch:1", Expiring.Kind.LAUNCH, "api", T0.plus(Duration.ofHours(1)));
        monitor.watch(other);
        monitor.track(Expiring.Kind.GRANT, List.of(g));
        clock.advance(Duration.ofMinutes(2));
        monitor.track(Expiring.Kind.GRANT, List.of());
        assertThat(monitor.check()).singleElement().isInstanceOfSatisfying(ExpiryEvent.Expired.class, e -> {
            assertThat(e.item().id()).isEqualTo(g.id());
            assertThat(e.item().endsAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
        });
        assertThat(monitor.items()).as("other kinds are not touched").hasSize(2);
        assertThatThrownBy(() -> monitor.track(Expiring.Kind.GRANT, List.of(other))).hasMessageContaining("LAUNCH");
    }

    @Test
    void endNowEndsARevokedItemAtOnceAndOnlyOnce() {
        Expiring g = Expiring.grant("g_1", "payments/prod", T0.plus(Duration.ofMinutes(50)));
        monitor.watch(g);
        clock.advance(Duration.ofMinutes(1));
        assertThat(monitor.endNow(g.id())).isTrue();
        assertThat(monitor.check()).singleElement().isInstanceOf(ExpiryEvent.Expired.class);
        assertThat(monitor.endNow(g.id())).isTrue();
        assertThat(monitor.check()).isEmpty();
        assertThat(monitor.endNow("grant:unknown")).isFalse();
        assertThatThrownBy(() -> Expiring.grant(" ", "x", T0)).hasMessageContaining("grant's id");
    }
}
