package dev.latchkey.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpiryWatchTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void warnsAt15And5And1MinuteBeforeTheEarliestEndThenOnceWhenItEnds() {
        ExpiryWatch watch = new ExpiryWatch(List.of(
                new ExpiryWatch.Deadline("later", T0.plus(Duration.ofHours(2))),
                new ExpiryWatch.Deadline("grant", T0.plus(Duration.ofMinutes(40)))));

        assertThat(watch.advance(T0)).isEmpty();
        assertThat(watch.advance(T0.plus(Duration.ofMinutes(24)))).isEmpty();
        assertThat(watch.advance(T0.plus(Duration.ofMinutes(25)))).singleElement()
                .isEqualTo(new ExpiryWatch.Event.Warning(watch.earliest().orElseThrow(), Duration.ofMinutes(15)));
        assertThat(watch.advance(T0.plus(Duration.ofMinutes(26)))).isEmpty();
        assertThat(watch.advance(T0.plus(Duration.ofMinutes(35)))).singleElement()
                .isInstanceOf(ExpiryWatch.Event.Warning.class);
        assertThat(watch.advance(T0.plus(Duration.ofMinutes(39)))).singleElement()
                .isEqualTo(new ExpiryWatch.Event.Warning(watch.earliest().orElseThrow(), Duration.ofMinutes(1)));
        assertThat(watch.advance(T0.plus(Duration.ofMinutes(40)))).singleElement()
                .isInstanceOf(ExpiryWatch.Event.Ended.class);
        assertThat(watch.advance(T0.plus(Duration.ofMinutes(41)))).isEmpty();
    }

    @Test
    void aLaunchThatStartsCloseToTheEndIsWarnedOnceAtOnce() {
        ExpiryWatch watch = new ExpiryWatch(List.of(new ExpiryWatch.Deadline("token", T0.plus(Duration.ofMinutes(3)))));
        assertThat(watch.advance(T0)).containsExactly(
                new ExpiryWatch.Event.Warning(watch.earliest().orElseThrow(), Duration.ofMinutes(3)));
        assertThat(watch.advance(T0.plus(Duration.ofSeconds(30)))).isEmpty();
    }

    @Test
    void nothingExpiringMeansNoEvents() {
        assertThat(new ExpiryWatch(List.of()).advance(T0)).isEmpty();
    }
}
