package dev.latchkey.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Percentiles by nearest rank, as the metrics report them. */
class DecisionTimesTest {

    @Test
    void nearestRankOverAHundredDecisions() {
        double[] seconds = IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray();

        BrokerMetrics.DecisionTimes t = BrokerMetrics.DecisionTimes.of(seconds);

        assertThat(t.p50().getAsDouble()).isEqualTo(50);
        assertThat(t.p95().getAsDouble()).isEqualTo(95);
        assertThat(t.count()).isEqualTo(100);
        assertThat(t.sum()).isEqualTo(5050);
    }

    @Test
    void oneDecisionIsEveryPercentileAndNoneIsNone() {
        BrokerMetrics.DecisionTimes one = BrokerMetrics.DecisionTimes.of(new double[] {42});
        assertThat(one.p50().getAsDouble()).isEqualTo(42);
        assertThat(one.p95().getAsDouble()).isEqualTo(42);

        BrokerMetrics.DecisionTimes none = BrokerMetrics.DecisionTimes.of(new double[0]);
        assertThat(none.p50()).isEmpty();
        assertThat(none.p95()).isEmpty();
    }
}
