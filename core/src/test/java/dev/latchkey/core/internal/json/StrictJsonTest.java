package dev.latchkey.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.latchkey.core.internal.json.StrictJson.Malformed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict reader reads JSON as RFC 8259 writes it, and nothing else. */
class StrictJsonTest {

    private static final JsonMapper JACKSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    @Test
    void readsObjectsArraysAndScalarsInTheTextsOrder() throws Exception {
        Object v = StrictJson.parse(" {\"b\":[1,-2.5e3,true,false,null,\"x\\u00e9\\n\\\"\"],\"a\":{}} \n");

        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(List.copyOf(m.keySet())).isEqualTo(List.of("b", "a"));
        assertThat(m.get("b")).isEqualTo(List.of(1L, -2500.0, true, false, StrictJson.NULL, "xé\n\""));
        assertThat(m.get("a")).isEqualTo(Map.of());
        assertThat(StrictJson.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(StrictJson.parse("92233720368547758070")).isEqualTo(9.223372036854776E19);
        assertThat(StrictJson.parse("\"\\ud83d\\ude00\"")).isEqualTo("\ud83d\ude00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[1,]", "{\"a\":1,}", "{'a':1}", "{a:1}", "01", "-", "1.", ".5", "1e",
        "+1", "NaN", "Infinity", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12\"", "\"a\tb\"", "\"\\ud83d\"", "\"\\ude00x\"",
        "{\"a\":1}{", "{\"a\":1} x", "[1 2]", "{\"a\" 1}", "{\"a\":1,\"a\":2}", "// c\n1", "/* c */1", "[1]]", "\u00a01"})
    void refusesWhatTheRfcDoesNotWrite(String text) {
        assertThatThrownBy(() -> StrictJson.parse(text)).isInstanceOf(Malformed.class)
                .hasMessageStartingWith("at character ");
    }

    @Test
    void refusesNestingDeeperThanItsBoundWithoutOverflowingTheStack() throws Exception {
        String ok = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);
        assertThat(StrictJson.parse(ok)).isInstanceOf(List.class);

        assertThatThrownBy(() -> StrictJson.parse("[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1)))
                .isInstanceOf(Malformed.class).hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> StrictJson.parse("{\"a\":".repeat(100_000))).isInstanceOf(Malformed.class);
    }

    @Test
    void errorsNameWhereNeverWhatTheTextHeld() {
        assertThatThrownBy(() -> StrictJson.parse("{\"accessToken\":\"eyJ-secret-token\" x}"))
                .isInstanceOf(Malformed.class).message().doesNotContain("eyJ").doesNotContain("accessToken");
    }

    @Test
    void quotedTextReadsBackAsItWasAndAsJacksonReadsIt() throws Exception {
        Random random = new Random(13);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(20); n > 0; n--) {
                int kind = random.nextInt(4);
                s.append(switch (kind) {
                    case 0 -> (char) random.nextInt(0x20);
                    case 1 -> "\"\\/".charAt(random.nextInt(3));
                    case 2 -> "\ud83d\ude00";
                    default -> (char) (0x20 + random.nextInt(0xd000));
                });
            }
            String text = s.toString();
            String quoted = StrictJson.quoted(text);
            assertThat(StrictJson.parse(quoted)).isEqualTo(text);
            assertThat(JACKSON.readTree(quoted).textValue()).isEqualTo(text);
        }
    }

    @Test
    void whatItReadsJacksonReadsTheSameAndWhatJacksonRefusesItRefuses() throws Exception {
        Random random = new Random(2026);
        String[] parts = {"{", "}", "[", "]", ",", ":", "\"a\"", "\"b\"", "1", "-0.5", "1e2", "true", "null", " ", "0", "x"};
        int read = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                s.append(parts[random.nextInt(parts.length)]);
            }
            String text = s.toString();
            JsonNode jackson;
            try {
                jackson = JACKSON.readTree(text);
            } catch (Exception refused) {
                jackson = null;
            }
            Object ours;
            try {
                ours = StrictJson.parse(text);
            } catch (Malformed refused) {
                ours = null;
            }
            if (ours != null) {
                read++;
                assertThat(jackson).as(text).isNotNull();
                assertThat(JACKSON.writeValueAsString(plain(ours))).as(text).isEqualTo(JACKSON.writeValueAsString(jackson));
            } else if (jackson != null && !jackson.isMissingNode()) {
                throw new AssertionError("Jackson reads what the strict reader refuses: " + text);
            }
        }
        assertThat(read).as("texts both read").isGreaterThan(500);
    }

    /** The parsed value with JSON's null as Java's, for Jackson to compare. */
    private static Object plain(Object v) {
        if (v == StrictJson.NULL) {
            return null;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, plain(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(StrictJsonTest::plain).toList();
        }
        return v;
    }
}
