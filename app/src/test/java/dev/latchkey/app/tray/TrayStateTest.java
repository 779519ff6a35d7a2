package dev.latchkey.app.tray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.expiry.Expiring;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which tray icon for which expiries: the worst one wins. */
class TrayStateTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration WARN = Duration.ofMinutes(15);

    private static Expiring grant(String scope, Duration left) {
        return new Expiring("grant:" + scope, Expiring.Kind.GRANT, scope, NOW.plus(left));
    }

    private static TrayState of(List<Expiring> items) {
        return TrayState.of(items, NOW, WARN);
    }

    @Test
    void nothingWatchedOrNothingEndingSoonIsOk() {
        assertThat(of(List.of())).isEqualTo(TrayState.OK);
        assertThat(of(List.of(grant("payments/staging", Duration.ofMinutes(15).plusSeconds(1))))).isEqualTo(TrayState.OK);
    }

    @Test
    void anEndWithinFifteenMinutesIsAWarningUpToItsLastSecond() {
        assertThat(of(List.of(grant("payments/staging", WARN)))).isEqualTo(TrayState.WARNING);
        assertThat(of(List.of(grant("payments/staging", Duration.ofSeconds(1))))).isEqualTo(TrayState.WARNING);
    }

    @Test
    void anEndedItemIsExpiredWhateverElseIsWatched() {
        assertThat(of(List.of(grant("payments/staging", Duration.ZERO)))).isEqualTo(TrayState.EXPIRED);
        assertThat(of(List.of(grant("a/dev", Duration.ofHours(2)), grant("b/dev", Duration.ofMinutes(3)),
                grant("c/dev", Duration.ofMinutes(-1))))).isEqualTo(TrayState.EXPIRED);
    }

    @Test
    void theWorstOfSeveralWins() {
        assertThat(of(List.of(grant("a/dev", Duration.ofHours(2)), grant("b/dev", Duration.ofMinutes(10)))))
                .isEqualTo(TrayState.WARNING);
        assertThat(TrayState.of(List.of(grant("a/dev", Duration.ofMinutes(20))), NOW, Duration.ofMinutes(30)))
                .as("a longer first lead time from settings warns earlier").isEqualTo(TrayState.WARNING);
    }

    @Test
    void offlineShowsUnlessAnEndOrAWarningSaysMore() {
        assertThat(TrayState.of(List.of(), NOW, WARN, true)).isEqualTo(TrayState.OFFLINE);
        assertThat(TrayState.of(List.of(grant("a/dev", Duration.ofHours(2))), NOW, WARN, true)).isEqualTo(TrayState.OFFLINE);
        assertThat(TrayState.of(List.of(grant("a/dev", Duration.ofMinutes(3))), NOW, WARN, true)).isEqualTo(TrayState.WARNING);
        assertThat(TrayState.of(List.of(grant("a/dev", Duration.ZERO)), NOW, WARN, true)).isEqualTo(TrayState.EXPIRED);
        assertThat(TrayState.OFFLINE.describe()).isEqualTo("Latchkey: offline, can't reach the broker");
    }

    @Test
    void everyStateHasItsIconForLightAndDarkPanelsAtEverySize() {
        for (TrayState s : TrayState.values()) {
            for (boolean dark : new boolean[] {true, false}) {
                for (int size : TrayIcons.SIZES) {
                    assertThat(TrayIcons.image(s, dark, size)).as(s + " dark=" + dark + " " + size).isPresent();
                }
            }
        }
        assertThat(TrayIcons.sizeFor(16)).isEqualTo(16);
        assertThat(TrayIcons.sizeFor(20)).isEqualTo(22);
        assertThat(TrayIcons.sizeFor(128)).isEqualTo(64);
        assertThat(TrayIcons.image(TrayState.WARNING, true, 22).orElseThrow().getPath())
                .endsWith("latchkey-tray-warning-dark-22.png");
    }
}
