package dev.latchkey.core.internal.guard;

import java.util.Arrays;

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

    private static final long PRIME = Prefilter.PRIME;
    private static final long POW;

    static {
        long p = 1;
        for (int i = 1; i < LENGTH; i++) {
            p *= PRIME;
        }
        POW = p;
    }

    private long[] hashes = new long[256];
    /** Each gram's rolling hash before {@link #mix}: kept for the chosen ones' {@link #rolled}. */
    private long[] raws = new long[256];
    private int[] deque = new int[256];

    /** A choice of grams: their start positions, ascending, in {@code starts[0..count)}. */
    int[] starts = new int[64];
    /**
     * The chosen grams' rolling hashes, beside {@link #starts}: the polynomial of their characters
     * that {@link Prefilter#cheap} computes, so a look-up need not read the gram's characters again.
     */
    long[] rolled = new long[64];
    int count;

    static boolean isSpace(char c) {
        return CharClass.is(c, CharClass.SPACE);
    }

    /**
     * Chooses grams of {@code text[from, to)}; the result is in {@link #starts} and {@link #count}.
     * A {@code String}, not a {@code CharSequence}: C1 (a cold JVM's compiler) calls an interface's
     * {@code charAt} through a stub for each character, and inlines {@code String.charAt}.
     *
     * <p>Only the grams inside runs of {@link #LENGTH} or more characters without whitespace are
     * hashed and offered to the window's queue: the others are never chosen, and between two runs
     * the queue only moves on while it holds a candidate. Code is mostly short words between
     * spaces, and hashing and queueing every gram of it was the largest part of a cold scan.
     */
    void choose(String text, int from, int to) {
        count = 0;
        int grams = to - from - LENGTH + 1;
        if (grams <= 0) {
            return;
        }
        if (hashes.length < grams) {
            hashes = new long[Math.max(grams, hashes.length * 2)];
            raws = new long[hashes.length];
        }
        if (deque.length < grams) {
            deque = new int[Math.max(grams, deque.length * 2)];
        }
        int window = Math.min(WINDOW, grams);
        // A monotone queue of candidate minima: each gram of a run enters and leaves once.
        int head = 0;
        int tail = 0;
        int last = -1;
        int g = 0; // the next gram the window reaches
        int i = from;
        while (true) {
            while (i < to && CharClass.is(text.charAt(i), CharClass.SPACE)) {
                i++;
            }
            int runFrom = i;
            while (i < to && !CharClass.is(text.charAt(i), CharClass.SPACE)) {
                i++;
            }
            boolean run = i - runFrom >= LENGTH;
            if (!run && i < to) {
                continue;
            }
            // The grams up to the run's first (or the text's end) hold a space: the window moves over them.
            int first = run ? runFrom - from : grams;
            for (; g < first && tail > head; g++) {
                if (deque[head] <= g - window) {
                    head++;
                }
                if (g >= window - 1 && tail > head && deque[head] != last) {
                    last = deque[head];
                    add(from + last, raws[last]);
                }
            }
            if (!run) {
                return;
            }
            g = first;
            long h = 0;
            for (int k = runFrom; k < runFrom + LENGTH - 1; k++) {
                h = h * PRIME + text.charAt(k);
            }
            int lastGram = i - LENGTH - from;
            for (; g <= lastGram; g++) {
                int in = from + g + LENGTH - 1;
                // The rolling hash: the gram before loses its first character (none before the run's first gram).
                h = (g == first ? h : h - text.charAt(in - LENGTH) * POW) * PRIME + text.charAt(in);
                long hash = mix(h);
                hashes[g] = hash;
                raws[g] = h;
                while (tail > head && hashes[deque[tail - 1]] >= hash) {
                    tail--;
                }
                deque[tail++] = g;
                if (deque[head] <= g - window) {
                    head++;
                }
                if (g >= window - 1 && deque[head] != last) {
                    last = deque[head];
                    add(from + last, raws[last]);
                }
            }
        }
    }

    private void add(int start, long raw) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            rolled = Arrays.copyOf(rolled, count * 2);
        }
        starts[count] = start;
        rolled[count++] = raw;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (z ^ (z >>> 33)) & Long.MAX_VALUE - 1;
    }
}
