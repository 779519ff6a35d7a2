package dev.latchkey.broker.devidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DevIdpSettingsTest {

    @Test
    void defaultsSuitADeveloperDay() {
        DevIdpSettings settings = DevIdpSettings.defaults("latchkey");

        assertThat(settings.accessTokenTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.refreshTokenTtl()).isEqualTo(Duration.ofHours(10));
    }

    @Test
    void lifetimesAreWholePositiveSecondsBecauseOAuthCountsInSeconds() {
        DevIdpSettings settings = DevIdpSettings.defaults("latchkey");

        assertThatThrownBy(() -> settings.withAccessTokenTtl(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accessTokenTtl").hasMessageContaining("whole number of seconds")
                .hasMessageContaining("1500 ms");
        assertThatThrownBy(() -> settings.withPollInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withDeviceCodeTtl(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(settings.withAccessTokenTtl(Duration.ofSeconds(60)).accessTokenTtl()).hasSeconds(60);
    }
}
