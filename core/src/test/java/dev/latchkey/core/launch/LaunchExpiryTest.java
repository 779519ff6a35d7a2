package dev.latchkey.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.expiry.ExpiryEvent;
import dev.latchkey.core.expiry.ExpiryMonitor;
import dev.latchkey.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A launch's expiry runs on core's one expiry clock, with the launch's lead times: 15, 5 and 1 minute. */
class LaunchExpiryTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0);

    @Test
    void warnsAt15And5And1MinuteBeforeEachEndThenOnceWhenItEnds() {
        ExpiryMonitor monitor = new ExpiryMonitor(clock, Launch.THRESHOLDS);
        Expiring grant = new Expiring("access to payments/prod", Expiring.Kind.GRANT, "access to payments/prod",
                T0.plus(Duration.ofMinutes(40)));
        monitor.watch(grant);

        assertThat(monitor.check()).as("40 minutes left: nothing to say yet").isEmpty();
        clock.advance(Duration.ofMinutes(25));
        assertThat(monitor.check()).containsExactly(new ExpiryEvent.Warning(grant, Duration.ofMinutes(15), Duration.ofMinutes(15)));
        clock.advance(Duration.ofMinutes(1));
        assertThat(monitor.check()).isEmpty();
        clock.advance(Duration.ofMinutes(9));
        assertThat(monitor.check()).singleElement().isInstanceOf(ExpiryEvent.Warning.class);
        clock.advance(Duration.ofMinutes(4));
        assertThat(monitor.check()).containsExactly(new ExpiryEvent.Warning(grant, Duration.ofMinutes(1), Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(1));
        assertThat(monitor.check()).containsExactly(new ExpiryEvent.Expired(grant));
        clock.advance(Duration.ofMinutes(1));
        assertThat(monitor.check()).isEmpty();
    }

    @Test
    void aLaunchThatStartsCloseToTheEndIsWarnedOnceAtOnce() {
        ExpiryMonitor monitor = new ExpiryMonitor(clock, Launch.THRESHOLDS);
        Expiring token = new Expiring("sandbox token T", Expiring.Kind.SANDBOX_TOKEN, "sandbox token T",
                T0.plus(Duration.ofMinutes(3)));
        monitor.watch(token);
        assertThat(monitor.check()).containsExactly(new ExpiryEvent.Warning(token, Duration.ofMinutes(5), Duration.ofMinutes(3)));
        clock.advance(Duration.ofSeconds(30));
        assertThat(monitor.check()).isEmpty();
    }
}
