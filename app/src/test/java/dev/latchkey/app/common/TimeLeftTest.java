package dev.latchkey.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeLeftTest {

    @Test
    void saysMinutesRoundedUpNeverAClockTime() {
        assertThat(TimeLeft.words(Duration.ofMinutes(24))).isEqualTo("24 min");
        assertThat(TimeLeft.words(Duration.ofMinutes(24).minusSeconds(1))).isEqualTo("24 min");
        assertThat(TimeLeft.words(Duration.ofSeconds(61))).isEqualTo("2 min");
        assertThat(TimeLeft.words(Duration.ofSeconds(60))).isEqualTo("1 min");
    }

    @Test
    void saysSecondsInTheLastMinuteAndHoursFromAnHour() {
        assertThat(TimeLeft.words(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(TimeLeft.words(Duration.ofSeconds(-3))).isEqualTo("0 s");
        assertThat(TimeLeft.words(Duration.ofMinutes(60))).isEqualTo("1 h");
        assertThat(TimeLeft.words(Duration.ofMinutes(65))).isEqualTo("1 h 5 min");
    }
}
