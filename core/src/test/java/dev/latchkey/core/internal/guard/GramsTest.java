package dev.latchkey.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The winnowing walk that hashes only runs without whitespace chooses exactly the grams of the
 * plain definition (every gram hashed, one with a space never chosen, each window's rightmost
 * minimum), which the fingerprint files were recorded with; and its rolling hashes give the
 * prefilter's cheap hash of each chosen gram.
 */
class GramsTest {

    @Test
    void choosesTheGramsOfThePlainDefinition() {
        Random random = new Random(17);
        String alphabet = "ab cdefg\thij0123456789+/=-_\"' \u00e9\u20ac";
        Grams grams = new Grams();
        for (int k = 0; k < 20_000; k++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(160);
            double spaces = random.nextDouble() * 0.3;
            for (int i = 0; i < length; i++) {
                text.append(random.nextDouble() < spaces ? ' ' : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            int from = k % 3 == 0 ? 0 : random.nextInt(s.length() + 1);
            int to = k % 3 == 0 ? s.length() : from + random.nextInt(s.length() - from + 1);
            grams.choose(s, from, to);
            List<Integer> chosen = new ArrayList<>();
            for (int i = 0; i < grams.count; i++) {
                chosen.add(grams.starts[i]);
                assertThat(Prefilter.cheapOfGram(Fingerprinter.WINDOW, grams.rolled[i]))
                        .isEqualTo(Prefilter.cheap(Fingerprinter.WINDOW, s, grams.starts[i], grams.starts[i] + Grams.LENGTH));
            }
            assertThat(chosen).as("[%s] from %d to %d", s, from, to).isEqualTo(plain(s, from, to));
        }
    }

    /** Winnowing as defined: each gram's hash, then each window's rightmost minimum, without a gram holding a space. */
    private static List<Integer> plain(String s, int from, int to) {
        int n = to - from - Grams.LENGTH + 1;
        List<Integer> out = new ArrayList<>();
        if (n <= 0) {
            return out;
        }
        long[] hash = new long[n];
        for (int g = 0; g < n; g++) {
            long h = 0;
            boolean space = false;
            for (int i = from + g; i < from + g + Grams.LENGTH; i++) {
                h = h * 0x100000001b3L + s.charAt(i);
                space |= Grams.isSpace(s.charAt(i));
            }
            hash[g] = space ? Long.MAX_VALUE : mix(h);
        }
        int window = Math.min(Grams.WINDOW, n);
        int last = -1;
        for (int w = 0; w + window <= n; w++) {
            int best = w;
            for (int g = w; g < w + window; g++) {
                if (hash[g] <= hash[best]) {
                    best = g;
                }
            }
            if (best != last && hash[best] != Long.MAX_VALUE) {
                out.add(from + best);
                last = best;
            }
        }
        return out;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (z ^ (z >>> 33)) & Long.MAX_VALUE - 1;
    }
}
