package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code --grant-warning}: how long before a grant ends its holder hears grant.ending-soon. */
class GrantWarningOptionTest {

    @Test
    void itDefaultsToFifteenMinutes() throws Exception {
        assertThat(BrokerMain.parse(new String[] {"--dev"}).grantWarning()).isEqualTo(Duration.ofMinutes(15));
        assertThat(BrokerConfig.dev().grantWarning()).isEqualTo(BrokerConfig.DEFAULT_GRANT_WARNING);
    }

    @Test
    void itTakesADurationOrZeroForNoWarning() throws Exception {
        assertThat(BrokerMain.parse(new String[] {"--dev", "--grant-warning", "5m"}).grantWarning())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(BrokerMain.parse(new String[] {"--dev", "--grant-warning", "0s"}).grantWarning())
                .isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> BrokerMain.parse(new String[] {"--dev", "--grant-warning", "soon"}))
                .hasMessageContaining("--grant-warning: 'soon' is not a duration; write it like 90s, 15m, 1h30m, 2d or PT1H30M");
        assertThatThrownBy(() -> BrokerMain.parse(new String[] {"--dev", "--grant-warning"}))
                .hasMessageContaining("Missing required parameter for option '--grant-warning'");
    }

    @Test
    void itTakesTheSharedGrammarCompoundAndIso() {
        assertThat(BrokerMain.parse(new String[] {"--dev", "--grant-warning", "1h30m"}).grantWarning())
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(BrokerMain.parse(new String[] {"--dev", "--grant-warning", "PT1H30M"}).grantWarning())
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(BrokerMain.parse(new String[] {"--dev", "--grant-warning", "PT0S"}).grantWarning()).isZero();
        assertThat(BrokerMain.parse(new String[] {"--dev", "--dev-token-ttl", "1m30s"}).devTokenTtl())
                .isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> BrokerMain.parse(new String[] {"--dev", "--dev-token-ttl", "0s"}))
                .hasMessageContaining("--dev-token-ttl: '0s' lasts nothing");
    }

    @Test
    void theConfigKeepsItThroughOtherChanges() {
        BrokerConfig c = BrokerConfig.dev().withGrantWarning(Duration.ofMinutes(3)).withPort(0).withBulkSecrets(1);
        assertThat(c.grantWarning()).isEqualTo(Duration.ofMinutes(3));
        assertThatThrownBy(() -> BrokerConfig.dev().withGrantWarning(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
