package dev.latchkey.broker.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class UserCodeTest {

    @Test
    void codesUseOnlyUnambiguousConsonants() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1_000; i++) {
            assertThat(UserCode.random(random).display()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        }
        assertThat(UserCode.ALPHABET).doesNotContain("A", "E", "I", "O", "U", "Y", "0", "1");
    }

    @Test
    void whatAPersonTypesIsReadForgivingly() {
        UserCode code = UserCode.parse("BCDF-GHJK").orElseThrow();

        assertThat(UserCode.parse("bcdfghjk")).contains(code);
        assertThat(UserCode.parse(" bcdf ghjk ")).contains(code);
        assertThat(UserCode.parse("BCDF-GHJ")).isEmpty();
        assertThat(UserCode.parse("BCDF-GHJA")).isEmpty();
        assertThat(UserCode.parse(null)).isEmpty();
    }

    @Test
    void aCodeNeverPrintsItself() {
        assertThat(UserCode.parse("BCDF-GHJK").orElseThrow().toString()).doesNotContain("BCDF");
    }
}
