package dev.latchkey.core.internal.guard;

/**
 * What the known-value scan asks of each character, as bits of one table look-up: a line is
 * read several times (words, windows, base64 words), and a chain of comparisons per character
 * was a good part of a cold scan's time. Characters outside ASCII have none of the bits.
 */
final class CharClass {

    /** Whitespace: a gram holding it is never chosen. */
    static final int SPACE = 1;
    /** Ends a word (a token): whitespace, quotes, brackets, comma, semicolon. */
    static final int WORD_BREAK = 2;
    /** Splits a word into pieces: {@code = : @ / ? & #}. */
    static final int PIECE_BREAK = 4;
    /** A character of the standard or URL-safe base64 alphabet (without padding). */
    static final int BASE64 = 8;
    /** Left out where two lines meet ({@link Seam}): spaces, quotes and the marks that join or continue lines. */
    static final int JOIN_JUNK = 16;
    /** An ASCII character values are made of, which the two sides of a cut value end and start with ({@link Seam}). */
    static final int VALUE = 32;

    private static final byte[] TABLE = new byte[128];

    static {
        for (char c : " \t\n\r\f\u000b".toCharArray()) {
            TABLE[c] |= SPACE | WORD_BREAK;
        }
        for (char c : "\"'`,;()[]{}<>".toCharArray()) {
            TABLE[c] |= WORD_BREAK;
        }
        for (char c : "=:@/?&#".toCharArray()) {
            TABLE[c] |= PIECE_BREAK;
        }
        for (char c : " \t\n\r\f\u000b\"'`+\\,;&.>|".toCharArray()) {
            TABLE[c] |= JOIN_JUNK;
        }
        for (char c : "/=_-%".toCharArray()) {
            TABLE[c] |= VALUE;
        }
        for (int c = 0; c < 128; c++) {
            if (Character.isLetterOrDigit(c)) {
                TABLE[c] |= VALUE;
            }
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                    || c == '_' || c == '-') {
                TABLE[c] |= BASE64;
            }
        }
    }

    private CharClass() {
    }

    /** The bits of {@code c}. */
    static int of(char c) {
        return c < 128 ? TABLE[c] : 0;
    }

    static boolean is(char c, int bits) {
        return c < 128 && (TABLE[c] & bits) != 0;
    }
}
