package dev.latchkey.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"90s, PT90S", "15m, PT15M", "1h30m, PT1H30M", "2d, PT48H", "1d12h, PT36H", "1h30m15s, PT1H30M15S",
            "90m, PT90M", "1H30M, PT1H30M", "' 4h ', PT4H", "PT1H30M, PT1H30M", "pt15m, PT15M", "P2D, PT48H",
            "P1DT2H, PT26H"})
    void readsTheShortAndTheIsoForms(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1x", "h", "1.5h", "30m1h", "1h1h", "-5m", "5", "1h 30m", "PT", "PT0.5S", "PT-1H",
            "9999999999999999999999999999999999999999999h"})
    void refusesEverythingElseNamingTheTextAndTheForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(DurationSyntaxException.class)
                .hasMessageContaining("'" + text.substring(0, Math.min(text.length(), 40)))
                .hasMessageContaining(Durations.FORMS)
                .satisfies(e -> assertThat(((DurationSyntaxException) e).zero()).isFalse());
    }

    @Test
    void sayWhatToWriteWhenNothingIsGiven() {
        assertThatThrownBy(() -> Durations.parse("  ")).hasMessage("no duration given; write it like " + Durations.FORMS);
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(DurationSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0m", "0d0h", "PT0M", "P0D"})
    void aDurationOfNothingIsWellFormedButRefusedWhereOneMustLast(String text) {
        assertThat(Durations.parseAllowingZero(text)).isZero();
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("lasts nothing")
                .satisfies(e -> assertThat(((DurationSyntaxException) e).zero()).isTrue());
        assertThat(Durations.tryParse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"PT45S, 45s", "PT15M, 15m", "PT1H30M, 1h30m", "PT48H, 2d", "PT36H, 1d12h", "PT0S, 0s",
            "PT1H0M5S, 1h5s", "PT1.5S, 1s", "PT-5M, 0s"})
    void printsTheShortFormItReadsBack(String iso, String expected) {
        Duration d = Duration.parse(iso);
        assertThat(Durations.format(d)).isEqualTo(expected);
        if (d.isPositive() && d.getNano() == 0) {
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
    }
}
