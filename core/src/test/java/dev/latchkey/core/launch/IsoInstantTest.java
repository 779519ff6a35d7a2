package dev.latchkey.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The launch log's times are written by hand: exactly as {@link Instant#toString()} writes them. */
class IsoInstantTest {

    @Test
    void writesWhatInstantWritesAtTheEdges() {
        long[] seconds = {0, -1, 1, 86_399, 86_400, -86_400, 951_782_400L /* 2000-02-29 */, 4_107_542_400L /* 2100-03-01 */,
                -62_167_219_200L /* 0000-01-01 */, -62_167_219_201L, 253_402_300_799L /* 9999-12-31T23:59:59 */,
                253_402_300_800L /* 10000-01-01 */, Long.MIN_VALUE / 1_000_000_000L, 31_556_889_864_403_199L /* Instant.MAX */};
        int[] nanos = {0, 1, 10, 999, 1_000, 999_999, 1_000_000, 100_000_000, 120_000_000, 123_456_789, 999_999_999};
        for (long s : seconds) {
            for (int n : nanos) {
                Instant t = Instant.ofEpochSecond(s, n);
                assertThat(IsoInstant.of(t)).as("%s", t).isEqualTo(t.toString());
            }
        }
        assertThat(IsoInstant.of(Instant.parse("2026-12-02T09:21:20.016Z"))).isEqualTo("2026-12-02T09:21:20.016Z");
        assertThat(IsoInstant.of(Instant.parse("0987-06-05T04:03:00.000120Z"))).isEqualTo("0987-06-05T04:03:00.000120Z");
    }

    @Test
    void writesWhatInstantWritesAcrossTheYears() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 200_000; i++) {
            long s = random.nextLong(-63_000_000_000L, 254_000_000_000L); // years -1 to 10018
            int n = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(s, n);
            assertThat(IsoInstant.of(t)).as("%s", t).isEqualTo(t.toString());
        }
    }
}
