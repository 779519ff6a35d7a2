package dev.latchkey.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass keyword index wants exactly the rules whose keywords the lower-cased line contains. */
class KeywordsTest {

    @Test
    void agreesWithContainsOnTheLowerCasedLine() {
        List<List<String>> byRule = List.of(List.of("akia", "asia"), List.of(), List.of("ghp_"), List.of("sk", "ac"),
                List.of("://"), List.of("x"), List.of("é_key"), List.of("AKIA"));
        Keywords k = new Keywords(byRule);
        Random random = new Random(11);
        String alphabet = "aAkKiIsScCgGhHpP_:/xXéÉ_ey -=";
        boolean[] wanted = new boolean[byRule.size()];
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String lower = line.toString().toLowerCase(Locale.ROOT);
            k.wanted(line.toString(), wanted);
            for (int r = 0; r < byRule.size(); r++) {
                boolean expected = byRule.get(r).isEmpty()
                        || byRule.get(r).stream().anyMatch(w -> lower.contains(w.toLowerCase(Locale.ROOT)));
                assertThat(wanted[r]).as("rule %d on '%s'", r, line).isEqualTo(expected);
            }
        }
    }
}
