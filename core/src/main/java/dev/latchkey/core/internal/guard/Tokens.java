package dev.latchkey.core.internal.guard;

import java.util.Arrays;

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

    /**
     * The quoted stretches found in the words' pass, {@code [from, to)} pairs: given after the
     * words, as when they had a pass of their own (the order decides which of two whole matches
     * of one value is reported).
     */
    private int[] quoted = new int[16];

    /**
     * Whether the line {@link #of} last read holds a run of {@link Base64Words#MIN} base64
     * characters or more: without one it has no base64 word, and its own pass is skipped.
     */
    boolean base64Run;

    /** One for each matcher: {@link #of} reuses its buffer, line after line. */
    Tokens() {
    }

    /**
     * Gives {@code sink} the stretches of {@code line} at least {@code min} long: its words and
     * their pieces, then its quoted stretches, then what follows its first {@code =} or {@code :}.
     * One pass over the line finds the words, the quotes and the first assignment: three passes
     * and a search for the assignment were a good part of a scan's time.
     */
    void of(String line, int min, Sink sink) {
        int n = line.length();
        int start = -1;
        boolean pieces = false; // whether the word since start holds a piece break
        int stretches = 0;
        char open = 0; // the quote an open quoted stretch began with; 0 outside one
        int openAt = -1;
        boolean openBreak = false; // whether the open quoted stretch holds a word break so far
        int assign = -1; // the line's first = or :
        int last = -1; // the line's last character that is not a space
        int run = 0; // base64 characters up to here
        boolean longRun = false;
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            int bits = CharClass.of(c);
            if ((bits & CharClass.BASE64) == 0) {
                run = 0;
            } else if (++run >= Base64Words.MIN) {
                longRun = true;
            }
            if ((bits & CharClass.WORD_BREAK) == 0) {
                if (start < 0) {
                    start = i;
                    pieces = false;
                }
                pieces |= (bits & CharClass.PIECE_BREAK) != 0;
                if (assign < 0 && (c == '=' || c == ':')) {
                    assign = i;
                }
            } else if (start >= 0) {
                word(line, start, i, min, pieces, sink);
                start = -1;
            }
            if ((bits & CharClass.SPACE) == 0) {
                last = i;
            }
            // A quote without its close ends the quoted stretches: the open one never closes.
            if (open != 0) {
                if (c == open) {
                    if (i - openAt - 1 >= min && openBreak) {
                        stretches = quoted(stretches, openAt + 1, i);
                    }
                    open = 0;
                } else if ((bits & CharClass.WORD_BREAK) != 0) {
                    openBreak = true;
                }
            } else if (quote(c)) {
                open = c;
                openAt = i;
                openBreak = false;
            }
        }
        base64Run = longRun;
        if (start >= 0) {
            word(line, start, n, min, pieces, sink);
        }
        for (int k = 0; k < stretches; k += 2) {
            sink.accept(quoted[k], quoted[k + 1]);
        }
        if (assign >= 0) {
            int to = last + 1;
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

    /**
     * Gives {@code sink} the stretches {@link #of} gives that cross {@code seam} (from before it to
     * after it), in the same order, and perhaps others. Without a quote, '=' or ':' before the
     * seam, no quoted stretch and no assignment's value can cross it: then only the word holding
     * the seam is read, not the whole text. Most seams in code are such, and the pass over the
     * whole seam's text was a good part of a cold scan's seams.
     */
    void across(String text, int seam, int min, Sink sink) {
        int from = seam;
        while (from > 0 && !wordBreak(text.charAt(from - 1))) {
            from--;
        }
        if (from == seam || seam >= text.length() || wordBreak(text.charAt(seam)) || quoteOrAssign(text, seam)) {
            of(text, min, sink);
            return;
        }
        int to = seam;
        while (to < text.length() && !wordBreak(text.charAt(to))) {
            to++;
        }
        word(text, from, to, min, true, sink);
    }

    /** Whether {@code text} holds a quote, '=' or ':' before {@code end}. */
    private static boolean quoteOrAssign(String text, int end) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (quote(c) || c == '=' || c == ':') {
                return true;
            }
        }
        return false;
    }

    private int quoted(int stretches, int from, int to) {
        if (stretches + 2 > quoted.length) {
            quoted = Arrays.copyOf(quoted, quoted.length * 2);
        }
        quoted[stretches] = from;
        quoted[stretches + 1] = to;
        return stretches + 2;
    }

    /**
     * Gives {@code sink} the word {@code [from, to)} and its pieces. Without {@code pieces} (the
     * caller's pass saw no piece break in it) the word has no pieces, and they are not looked for:
     * most words of code are plain names, and a second walk over each was a good part of this pass.
     */
    private static void word(String line, int from, int to, int min, boolean pieces, Sink sink) {
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
        if (!pieces) {
            return;
        }
        int piece = from;
        boolean split = false;
        int assign = -1; // the word's first = or : (both split pieces), found in the pieces' loop
        for (int i = from; i <= end; i++) {
            char c = i < end ? line.charAt(i) : 0;
            if (i == end || pieceBreak(c)) {
                if (i < end) {
                    split = true;
                    if (assign < 0 && (c == '=' || c == ':')) {
                        assign = i;
                    }
                }
                if (split && i - piece >= min) {
                    sink.accept(piece, i);
                }
                piece = i + 1;
            }
        }
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
