package dev.latchkey.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTextTest {

    @Test
    void splitsLikeAShellWithoutExpandingAnything() {
        assertThat(ArgsText.split("-c 'echo $DB_URL'")).containsExactly("-c", "echo $DB_URL");
        assertThat(ArgsText.split("  run   dev ")).containsExactly("run", "dev");
        assertThat(ArgsText.split("\"a b\" c\\ d ''")).containsExactly("a b", "c d", "");
        assertThat(ArgsText.split("")).isEmpty();
    }

    @Test
    void joinIsTheInverseOfSplit() {
        List<String> args = List.of("-c", "echo $DB_URL", "it's", "say \"hi\"", "", "back\\slash");
        assertThat(ArgsText.split(ArgsText.join(args))).isEqualTo(args);
    }

    @Test
    void anUnclosedQuoteIsRefusedSayingSo() {
        assertThatThrownBy(() -> ArgsText.split("-c 'echo")).hasMessageContaining("never closes");
    }
}
