package dev.latchkey.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The character table answers exactly as the comparisons it replaced, for every char. */
class CharClassTest {

    @Test
    void everyCharHasTheClassesTheOldComparisonsGaveIt() {
        for (int i = 0; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
            boolean quote = c == '"' || c == '\'' || c == '`';
            boolean wordBreak = space || quote || c == ',' || c == ';' || c == '(' || c == ')' || c == '['
                    || c == ']' || c == '{' || c == '}' || c == '<' || c == '>';
            boolean pieceBreak = c == '=' || c == ':' || c == '@' || c == '/' || c == '?' || c == '&' || c == '#';
            boolean base64 = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/' || c == '_' || c == '-';
            assertThat(CharClass.is(c, CharClass.SPACE)).as("space %04x", i).isEqualTo(space);
            assertThat(Grams.isSpace(c)).as("gram space %04x", i).isEqualTo(space);
            assertThat(CharClass.is(c, CharClass.WORD_BREAK)).as("word break %04x", i).isEqualTo(wordBreak);
            assertThat(CharClass.is(c, CharClass.PIECE_BREAK)).as("piece break %04x", i).isEqualTo(pieceBreak);
            assertThat(CharClass.is(c, CharClass.BASE64)).as("base64 %04x", i).isEqualTo(base64);
            // Seam's comparisons before the table.
            boolean joinJunk = space || quote || c == '+' || c == '\\' || c == ',' || c == ';' || c == '&' || c == '.'
                    || c == '>' || c == '|';
            boolean value = Character.isLetterOrDigit(c) || c == '/' || c == '=' || c == '_' || c == '-' || c == '%';
            assertThat(Seam.joinJunk(c)).as("join junk %04x", i).isEqualTo(joinJunk);
            assertThat(Seam.valueChar(c)).as("value %04x", i).isEqualTo(value);
        }
    }
}
