package dev.latchkey.core.internal.guard;

/**
 * The stretches of a line a whole value may fill: words (between spaces, quotes, brackets and
 * commas), their pieces between {@code = : @ / ? & #} (a URL's password, a .env value), and,
 * where they hold spaces or quotes, the text inside quotes and what follows the first {@code =}
 * or {@code :}.
 * A value shorter than {@link Grams#GUARANTEE} is found only as one of these.
 */
public final class Tokens {

    /** Receives one stretch {@code [from, to)} of the line. */
    interface Sink {
        void accept(int from, int to);
    }

    private Tokens() {
    }

    static void of(String line, int min, Sink sink) {
        int n = line.length();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean breaks = i == n || wordBreak(line.charAt(i));
            if (!breaks && start < 0) {
                start = i;
            } else if (breaks && start >= 0) {
                word(line, start, i, min, sink);
                start = -1;
            }
        }
        for (int i = 0; i < n; i++) {
            char q = line.charAt(i);
            if (q == '"' || q == '\'' || q == '`') {
                int close = line.indexOf(q, i + 1);
                if (close < 0) {
                    break;
                }
                if (close - i - 1 >= min && hasBreak(line, i + 1, close)) {
                    sink.accept(i + 1, close);
                }
                i = close;
            }
        }
        int from = 0;
        int to = n;
        while (from < to && Grams.isSpace(line.charAt(from))) {
            from++;
        }
        while (to > from && Grams.isSpace(line.charAt(to - 1))) {
            to--;
        }
        int assign = firstOf(line, from, to);
        if (assign >= 0) {
            int a = assign + 1;
            while (a < to && (Grams.isSpace(line.charAt(a)) || quote(line.charAt(a)))) {
                a++;
            }
            int b = to;
            while (b > a && (quote(line.charAt(b - 1)) || line.charAt(b - 1) == ',' || line.charAt(b - 1) == ';')) {
                b--;
            }
            if (b - a >= min && hasBreak(line, a, b)) {
                sink.accept(a, b);
            }
        }
    }

    private static void word(String line, int from, int to, int min, Sink sink) {
        if (to - from < min) {
            return;
        }
        sink.accept(from, to);
        int end = to;
        while (end > from && (line.charAt(end - 1) == '.' || line.charAt(end - 1) == ':')) {
            end--;
        }
        if (end != to && end - from >= min) {
            sink.accept(from, end);
        }
        int piece = from;
        boolean split = false;
        for (int i = from; i <= end; i++) {
            if (i == end || pieceBreak(line.charAt(i))) {
                if (i < end) {
                    split = true;
                }
                if (split && i - piece >= min) {
                    sink.accept(piece, i);
                }
                piece = i + 1;
            }
        }
        int assign = firstOf(line, from, end);
        if (assign >= 0 && end - assign - 1 >= min) {
            sink.accept(assign + 1, end);
        }
    }

    /** Stretches without a break are words or pieces already. */
    private static boolean hasBreak(String line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (wordBreak(line.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static int firstOf(String line, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c == '=' || c == ':') {
                return i;
            }
        }
        return -1;
    }

    private static boolean wordBreak(char c) {
        return CharClass.is(c, CharClass.WORD_BREAK);
    }

    private static boolean pieceBreak(char c) {
        return CharClass.is(c, CharClass.PIECE_BREAK);
    }

    private static boolean quote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }
}
