package dev.latchkey.core.internal.guard;

import java.time.Instant;
import java.util.Arrays;

/**
 * Finds received values in lines by their fingerprints: the chosen windows of the line (parts of
 * values, and long values) and its tokens (whole values, short ones included). A stretch gets its
 * HMAC only when the {@link Prefilter} lets it through; answers are remembered by a cheap hash of
 * the text, since code repeats itself.
 */
public final class KnownValues {

    /** Receives a match: the entry and tag it belongs to and where it is on the line. */
    interface Sink {
        void match(int entry, int tag, int from, int to);
    }

    private final FingerprintSet set;
    private final Sha256Mac mac;
    private final Prefilter prefilter;
    private final long now;
    private final Grams grams = new Grams();
    private final Tokens tokens = new Tokens();
    private final SeenHashes seen = new SeenHashes();
    private long keyedHashes;
    /** Whether a window matched since {@link #scan} began (read by it, set by {@link #lookup}). */
    private boolean windowHit;
    private boolean base64Run;
    // The line being scanned, for the token sinks: bound once, since a capturing lambda is an allocation per line.
    private String text;
    private Sink sink;
    private int seam;
    // Named classes, not method references: a JVM without an AOT cache spun a class for each as
    // the matcher was made.
    private final Tokens.Sink lineToken = new LineToken();
    private final Tokens.Sink seamToken = new SeamToken();

    private final class LineToken implements Tokens.Sink {
        @Override
        public void accept(int from, int to) {
            lineToken(from, to);
        }
    }

    private final class SeamToken implements Tokens.Sink {
        @Override
        public void accept(int from, int to) {
            seamToken(from, to);
        }
    }

    public KnownValues(FingerprintSet set, Sha256Mac mac, Instant now) {
        this.set = set;
        this.mac = mac;
        this.prefilter = new Prefilter(mac);
        this.now = now.getEpochSecond();
    }

    /** How many keyed hashes this matcher has computed (for the bench). */
    public long keyedHashes() {
        return keyedHashes;
    }

    /**
     * Looks for received values on {@code line}. Tokens as long as {@link Grams#GUARANTEE} or
     * longer are looked up only when a window matched (to tell a whole value from a part), since
     * windows alone always find them; upper-case hex has no windows (its lower-case sibling
     * has), so such tokens are always looked up.
     */
    void scan(String line, Sink sink) {
        base64Run = false;
        if (set.size() == 0 || line.length() < Fingerprinter.MIN_VALUE) {
            return;
        }
        windowHit = false;
        windows(line, sink);
        text = line;
        this.sink = sink;
        tokens.of(line, Fingerprinter.MIN_VALUE, lineToken);
        base64Run = tokens.base64Run;
    }

    /**
     * Whether the line {@link #scan} last read may hold a base64 word (its tokens' pass saw a
     * long enough run); false also when nothing can be found in it (no fingerprint, a short line).
     */
    boolean mayHoldBase64() {
        return base64Run;
    }

    private void lineToken(int from, int to) {
        if (windowHit || to - from < Grams.GUARANTEE || upperHex(text, from, to)) {
            lookup(Fingerprinter.TOKEN, text, from, to, sink);
        }
    }

    /**
     * Looks for received values across {@code seam} of {@code text}, the end of one line joined
     * to the start of the next: windows, and the tokens that straddle the seam (a value cut in
     * two halves shorter than a window's guarantee is found only whole).
     */
    void across(String text, int seam, Sink sink) {
        if (set.size() == 0 || text.length() < Fingerprinter.MIN_VALUE) {
            return;
        }
        crossingWindows(text, seam, sink);
        this.text = text;
        this.sink = sink;
        this.seam = seam;
        tokens.across(text, seam, Fingerprinter.MIN_VALUE, seamToken);
    }

    private void seamToken(int from, int to) {
        if (from < seam && to > seam) {
            lookup(Fingerprinter.TOKEN, text, from, to, sink);
        }
    }

    private static boolean upperHex(String line, int from, int to) {
        boolean letter = false;
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c >= 'A' && c <= 'F') {
                letter = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return letter;
    }

    private void windows(String text, Sink sink) {
        grams.choose(text, 0, text.length());
        for (int i = 0; i < grams.count; i++) {
            int start = grams.starts[i];
            lookup(Fingerprinter.WINDOW, Prefilter.cheapOfGram(Fingerprinter.WINDOW, grams.rolled[i]), text, start,
                    start + Grams.LENGTH, sink);
        }
    }

    /**
     * The chosen windows of {@code text} that cross {@code seam}, looked up: a seam's match must
     * cross it, and the windows on either side were looked up with their lines. Whether a gram
     * crossing the seam is chosen depends only on the grams that share a winnowing window with
     * it, within {@code GUARANTEE - 1} characters of the seam: only those are hashed (a seam's
     * text is up to twice {@link Seam#JOIN} long).
     */
    private void crossingWindows(String text, int seam, Sink sink) {
        int from = Math.max(0, seam - (Grams.GUARANTEE - 1));
        int to = Math.min(text.length(), seam + Grams.GUARANTEE - 1);
        if (to - from - Grams.LENGTH + 1 < Grams.WINDOW) {
            // Fewer grams than a window: the whole text is one window, as for the line.
            from = 0;
            to = text.length();
        }
        grams.choose(text, from, to);
        for (int i = 0; i < grams.count; i++) {
            int start = grams.starts[i];
            if (start < seam && start + Grams.LENGTH > seam) {
                lookup(Fingerprinter.WINDOW, Prefilter.cheapOfGram(Fingerprinter.WINDOW, grams.rolled[i]), text, start,
                        start + Grams.LENGTH, sink);
            }
        }
    }

    private void lookup(byte domain, String line, int from, int to, Sink sink) {
        lookup(domain, Prefilter.cheap(domain, line, from, to), line, from, to, sink);
    }

    private void lookup(byte domain, long cheap, String line, int from, int to, Sink sink) {
        int known = seen.get(cheap);
        int index;
        if (known != SeenHashes.ABSENT) {
            index = known;
        } else if (!set.mayHold(prefilter.keyed(cheap))) {
            index = -1;
            seen.put(cheap, index);
        } else {
            keyedHashes++;
            index = set.find(mac.mac64(domain, line, from, to));
            seen.put(cheap, index);
        }
        for (int i = index; i >= 0 && i < set.size(); i++) {
            if (i > index && set.print(i) != set.print(index)) {
                break;
            }
            if (!set.ownerValid(i)) {
                continue;
            }
            int owner = set.owner(i);
            FingerprintSet.Entry e = set.entries().get(owner >>> 8);
            if (e.expires().getEpochSecond() > now) {
                windowHit |= domain == Fingerprinter.WINDOW;
                sink.match(owner >>> 8, owner & 0xff, from, to);
            }
        }
    }

    /** A small open-addressing map from a cheap hash to the lookup's answer, cleared when full. */
    private static final class SeenHashes {
        static final int ABSENT = Integer.MIN_VALUE;
        private static final int CAPACITY = 1 << 16;
        private final long[] keys = new long[CAPACITY];
        private final int[] values = new int[CAPACITY];
        private final boolean[] used = new boolean[CAPACITY];
        private int size;

        int get(long key) {
            int i = slot(key);
            while (used[i]) {
                if (keys[i] == key) {
                    return values[i];
                }
                i = (i + 1) & (CAPACITY - 1);
            }
            return ABSENT;
        }

        void put(long key, int value) {
            if (size > CAPACITY / 2) {
                Arrays.fill(used, false);
                size = 0;
            }
            int i = slot(key);
            while (used[i] && keys[i] != key) {
                i = (i + 1) & (CAPACITY - 1);
            }
            if (!used[i]) {
                size++;
            }
            used[i] = true;
            keys[i] = key;
            values[i] = value;
        }

        private static int slot(long key) {
            long z = key * 0x9e3779b97f4a7c15L;
            return (int) (z >>> 48) & (CAPACITY - 1);
        }
    }
}
