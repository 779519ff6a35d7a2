package dev.latchkey.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A seam's tokens: {@link Tokens#across} gives the stretches crossing it that {@link Tokens#of} gives, in order. */
class TokensTest {

    @Test
    void acrossGivesTheCrossingStretchesOfTheWholePass() {
        Random random = new Random(23);
        String marks = "abcXYZ0189+/_-%.:=@?&#\"'` ,;()[]{}<>\t\u00e9";
        Tokens tokens = new Tokens();
        int crossing = 0;
        for (int k = 0; k < 200_000; k++) {
            int length = 8 + random.nextInt(90);
            double p = random.nextDouble();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append(random.nextDouble() < p ? marks.charAt(random.nextInt(marks.length()))
                        : "abcdefgh0123".charAt(random.nextInt(12)));
            }
            String s = text.toString();
            int seam = 1 + random.nextInt(length - 1);
            List<Long> whole = new ArrayList<>();
            tokens.of(s, Fingerprinter.MIN_VALUE, new Crossing(seam, whole));
            List<Long> across = new ArrayList<>();
            tokens.across(s, seam, Fingerprinter.MIN_VALUE, new Crossing(seam, across));
            assertThat(across).as("[%s] at %d", s, seam).isEqualTo(whole);
            crossing += whole.isEmpty() ? 0 : 1;
        }
        assertThat(crossing).isGreaterThan(50_000);
    }

    private record Crossing(int seam, List<Long> out) implements Tokens.Sink {
        @Override
        public void accept(int from, int to) {
            if (from < seam && to > seam) {
                out.add((long) from << 32 | to);
            }
        }
    }
}
