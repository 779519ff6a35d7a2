package dev.latchkey.core.internal.guard;

/**
 * Which fixed-length windows ("grams") of a text get a fingerprint: winnowing (Schleimer,
 * Wilkerson, Aiken, SIGMOD 2003). Every gram gets a cheap hash; in each run of {@link #WINDOW}
 * consecutive grams the one with the smallest hash is chosen (the rightmost on a tie). The
 * choice depends only on the text inside the run, so any stretch of at least
 * {@link #GUARANTEE} characters that a recorded value and a scanned line share has a chosen gram
 * in common, while a scan hashes only about 2 in {@code WINDOW + 1} positions.
 *
 * <p>Grams holding whitespace are never chosen: values seldom hold it, and code is full of it,
 * so lines of code cost few keyed hashes. Nothing here is stored; the cheap hash is not a
 * fingerprint.
 */
public final class Grams {

    /** Characters per gram. */
    static final int LENGTH = 12;
    /** Grams per winnowing window. */
    static final int WINDOW = 16;
    /** The shortest shared stretch that is always found. */
    static final int GUARANTEE = LENGTH + WINDOW - 1;

    private static final long NEVER = Long.MAX_VALUE;
    private static final long PRIME = 0x100000001b3L;
    private static final long POW;

    static {
        long p = 1;
        for (int i = 1; i < LENGTH; i++) {
            p *= PRIME;
        }
        POW = p;
    }

    private long[] hashes = new long[256];
    private int[] deque = new int[256];

    /** A choice of grams: their start positions, ascending, in {@code starts[0..count)}. */
    int[] starts = new int[64];
    int count;

    static boolean isSpace(char c) {
        return CharClass.is(c, CharClass.SPACE);
    }

    /**
     * Chooses grams of {@code text[from, to)}; the result is in {@link #starts} and {@link #count}.
     * A {@code String}, not a {@code CharSequence}: C1 (a cold JVM's compiler) calls an interface's
     * {@code charAt} through a stub for each character, and inlines {@code String.charAt}. Each gram
     * is hashed and offered to the window's queue in one loop.
     */
    void choose(String text, int from, int to) {
        count = 0;
        int grams = to - from - LENGTH + 1;
        if (grams <= 0) {
            return;
        }
        if (hashes.length < grams) {
            hashes = new long[Math.max(grams, hashes.length * 2)];
        }
        if (deque.length < grams) {
            deque = new int[Math.max(grams, deque.length * 2)];
        }
        long h = 0;
        int lastSpace = -1;
        for (int i = from; i < from + LENGTH - 1; i++) {
            char c = text.charAt(i);
            h = h * PRIME + c;
            if (CharClass.is(c, CharClass.SPACE)) {
                lastSpace = i;
            }
        }
        int window = Math.min(WINDOW, grams);
        // A monotone queue of candidate minima: each gram enters and leaves once.
        int head = 0;
        int tail = 0;
        int last = -1;
        for (int g = 0; g < grams; g++) {
            int in = from + g + LENGTH - 1;
            char c = text.charAt(in);
            // The rolling hash: the gram before loses its first character (none before the first gram).
            h = (g == 0 ? h : h - text.charAt(in - LENGTH) * POW) * PRIME + c;
            if (CharClass.is(c, CharClass.SPACE)) {
                lastSpace = in;
            }
            long hash = lastSpace >= from + g ? NEVER : mix(h);
            hashes[g] = hash;
            while (tail > head && hashes[deque[tail - 1]] >= hash) {
                tail--;
            }
            deque[tail++] = g;
            if (deque[head] <= g - window) {
                head++;
            }
            if (g >= window - 1) {
                int best = deque[head];
                if (best != last && hashes[best] != NEVER) {
                    add(from + best);
                    last = best;
                }
            }
        }
    }

    private void add(int start) {
        if (count == starts.length) {
            int[] more = new int[starts.length * 2];
            System.arraycopy(starts, 0, more, 0, count);
            starts = more;
        }
        starts[count++] = start;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (z ^ (z >>> 33)) & Long.MAX_VALUE - 1;
    }
}
