package dev.latchkey.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The guard's TOML reader reads rule files as a full TOML parser does, and names the line of a mistake. */
class TomlTest {

    private static final String SAMPLE = """
            # a comment
            title = "rules \\"quoted\\" \\u00e9"   # trailing comment
            [extend]
            useDefault = true
            [[rules]]
            id = 'literal'
            regex = '''(?i)\\b(key)[=:]\\s*'"{1,3}'''
            entropy = 3.5
            secretGroup = 1
            keywords = [
                "a",   # inside an array
                'b',
            ]
            [[rules.allowlists]]
            regexes = ['''x''', \"""multi
            line\"""]
            [[rules]]
            id = "second"
            regex = "a\\\\d"
            inline = { x = 1, y.z = "w" }
            dotted.key = -7
            [allowlist]
            paths = []
            big = 1_000
            """;

    @Test
    void readsWhatJacksonsTomlParserReads() throws Exception {
        assertSame(SAMPLE);
        try (InputStream in = RuleSet.class.getResourceAsStream("builtin-rules.toml")) {
            assertSame(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void assertSame(String text) throws Exception {
        JsonNode expected = new TomlMapper().readTree(text);
        JsonNode ours = new ObjectMapper().valueToTree(Toml.parse(text));
        // Jackson keeps 3.0 as a decimal; compare numbers by value.
        assertThat(ours.toString().replaceAll("(\\d)\\.0([,}\\]])", "$1$2"))
                .isEqualTo(expected.toString().replaceAll("(\\d)\\.0([,}\\]])", "$1$2"));
    }

    @Test
    void aMistakeNamesItsLine() {
        assertThatThrownBy(() -> Toml.parse("a = 1\n[[rules]]\nid = \"open\n")).hasMessageContaining("line 3")
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> Toml.parse("a = 1\na = 2\n")).hasMessageContaining("line 2").hasMessageContaining("twice");
        assertThatThrownBy(() -> Toml.parse("regex = \"\\d\"\n")).hasMessageContaining("'''");
        assertThatThrownBy(() -> Toml.parse("x = [1, 2\n")).hasMessageContaining("expected ]");
        assertThatThrownBy(() -> Toml.parse("x = what\n")).hasMessageContaining("what");
    }
}
