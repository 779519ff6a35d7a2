package dev.latchkey.core.internal.guard;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * The base64 words of a line (24 characters or more, standard or URL-safe alphabet), decoded
 * when they are base64 of UTF-8 text: a Kubernetes secret's data, an encoded .env.
 */
public final class Base64Words {

    /** The fewest characters of a base64 word. */
    static final int MIN = 24;

    private Base64Words() {
    }

    /** Gives {@code sink} the text of each base64 word of {@code text} that decodes to UTF-8. */
    static void each(String text, Consumer<String> sink) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (!base64Char(text.charAt(i))) {
                continue;
            }
            int start = i;
            while (i < n && base64Char(text.charAt(i))) {
                i++;
            }
            int end = i;
            while (end < n && end - i < 2 && text.charAt(end) == '=') {
                end++;
            }
            if (i - start < MIN || !decodable(text, start, i, end - i)) {
                continue;
            }
            String word = text.substring(start, end);
            byte[] bytes;
            try {
                bytes = word.indexOf('-') >= 0 || word.indexOf('_') >= 0
                        ? Base64.getUrlDecoder().decode(word) : Base64.getDecoder().decode(word);
            } catch (IllegalArgumentException e) {
                continue;
            }
            String decoded = utf8(bytes);
            if (decoded != null) {
                sink.accept(decoded);
            }
        }
    }

    /**
     * Whether base64 decoding of {@code text[from, to)} followed by {@code pad} '=' can succeed:
     * one alphabet, and a length base64 can have. Long identifiers in code look like base64
     * words; a failed decoding throws, and a cold JVM pays dearly for each exception.
     */
    static boolean decodable(String text, int from, int to, int pad) {
        boolean std = false;
        boolean url = false;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            std |= c == '+' || c == '/';
            url |= c == '-' || c == '_';
        }
        int n = to - from;
        return !(std && url) && n % 4 != 1 && (pad == 0 || (n + pad) % 4 == 0);
    }

    /** The UTF-8 text of {@code bytes}, or null when they are not UTF-8 (decided without an exception). */
    private static String utf8(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        if (d.decode(ByteBuffer.wrap(bytes), out, true).isError() || d.flush(out).isError()) {
            return null;
        }
        return out.flip().toString();
    }

    private static boolean base64Char(char c) {
        return CharClass.is(c, CharClass.BASE64);
    }
}
