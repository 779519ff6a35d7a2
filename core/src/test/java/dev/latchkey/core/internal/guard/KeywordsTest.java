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

    @Test
    void aLineWithoutAKeywordWantsOnlyTheRulesWithout() {
        // RuleSet runs only alwaysRules() on a line first() finds no keyword in: that must be all wanted() marks there.
        List<List<String>> byRule = List.of(List.of("key", "token"), List.of(), List.of("ghp_"), List.of("sk", "ac"),
                List.of(""), List.of("://"));
        Keywords k = new Keywords(byRule);
        assertThat(k.alwaysRules()).containsExactly(1, 4);
        Random random = new Random(23);
        String alphabet = "kKeEyYtToOnNgGhHpP_sSaAcC:/ =x";
        boolean[] wanted = new boolean[byRule.size()];
        int without = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder();
            for (int i = random.nextInt(20); i > 0; i--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = line.toString();
            k.wanted(text, wanted);
            int first = k.first(text);
            if (first < 0) {
                without++;
                assertThat(wanted).as("'%s'", text).containsExactly(false, true, false, false, true, false);
            } else {
                boolean[] from = new boolean[byRule.size()];
                k.wanted(text, first, from);
                assertThat(from).as("'%s' from %d", text, first).containsExactly(wanted);
                assertThat(wanted[0] || wanted[2] || wanted[3] || wanted[5]).as("'%s'", text).isTrue();
            }
        }
        assertThat(without).isBetween(1_000, 19_000);
    }

    @Test
    void theKelvinSignAndTheDottedCapitalIAreTheirAsciiLettersAnywhereInAKeyword() {
        // The only characters outside ASCII whose lower case is ASCII; the pair table and the
        // rest of a keyword must both see them as k and i (the random lines above hold neither).
        Keywords k = new Keywords(List.of(List.of("key"), List.of("token"), List.of("id_x"), List.of("uuid")));
        assertThat(wanted(k, "\u212aEY = 1")).containsExactly(true, false, false, false);
        assertThat(wanted(k, "TO\u212aEN = 1")).containsExactly(false, true, false, false);
        assertThat(wanted(k, "\u0130D_X = 1")).containsExactly(false, false, true, false);
        assertThat(wanted(k, "UU\u0130D = 1")).containsExactly(false, false, false, true);
        // Other characters outside ASCII are not letters of an ASCII keyword.
        assertThat(wanted(k, "\u1e31ey t\u00f6ken \u00edd_x uu\u0131d")).containsExactly(false, false, false, false);
    }

    private static boolean[] wanted(Keywords k, String line) {
        boolean[] wanted = new boolean[4];
        k.wanted(line, wanted);
        return wanted;
    }
}
