package dev.latchkey.core.internal.guard;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keyed fingerprints of one value: of each of its forms whole (domain {@code T}, matched
 * against tokens of a line) and of chosen windows of each form (domain {@code W}, matched
 * against windows of a line, so a part of a value, or a value split over lines, is found too).
 */
public final class Fingerprinter {

    /** Values shorter than this are not recorded: too many ordinary words are that short. */
    static final int MIN_VALUE = 8;
    /** At most this many fingerprints per value (a 2 KB private key needs about 700). */
    static final int MAX_PER_VALUE = 2_048;

    static final byte WINDOW = 'W';
    static final byte TOKEN = 'T';
    static final byte VALUE = 'V';
    /** The high bit of a tag marks a window (a part of a value) rather than a whole form. */
    static final int PART = 0x80;

    private final Sha256Mac mac;
    private final Prefilter prefilter;
    private final Grams grams = new Grams();

    Fingerprinter(Sha256Mac mac) {
        this.mac = mac;
        this.prefilter = new Prefilter(mac);
    }

    /**
     * Fingerprints, their tags (encoding ordinal, plus {@link #PART} for windows) and their
     * {@link Prefilter#keyed} values.
     */
    record Prints(long valueId, long[] prints, byte[] tags, int[] keyed) {
    }

    boolean recordable(String value) {
        return value != null && value.strip().length() >= MIN_VALUE;
    }

    Prints of(String value) {
        long[] prints = new long[64];
        byte[] tags = new byte[64];
        int[] keyed = new int[64];
        int n = 0;
        Set<Long> seen = new HashSet<>();
        String password = Forms.urlPassword(value);
        List<String> values = password.length() >= MIN_VALUE ? List.of(value, password) : List.of(value);
        for (String v : values) {
            for (Form f : Forms.of(v)) {
                String text = f.text();
                if (f.whole() && text.length() >= MIN_VALUE) {
                    keyed[n] = prefilter.keyed(Prefilter.cheap(TOKEN, text, 0, text.length()));
                    n = add(seen, prints, tags, n, mac.mac64(TOKEN, text, 0, text.length()), f.encoding().ordinal());
                    prints = grow(prints, n);
                    tags = grow(tags, n);
                    keyed = grow(keyed, n);
                }
                if (!windowed(f)) {
                    continue;
                }
                grams.choose(text, 0, text.length());
                for (int i = 0; i < grams.count && n < MAX_PER_VALUE; i++) {
                    int start = grams.starts[i];
                    if (secretEnough(f, start) && varied(text, start)) {
                        keyed[n] = prefilter.keyed(Prefilter.cheap(WINDOW, text, start, start + Grams.LENGTH));
                        n = add(seen, prints, tags, n, mac.mac64(WINDOW, text, start, start + Grams.LENGTH),
                                f.encoding().ordinal() | PART);
                        prints = grow(prints, n);
                        tags = grow(tags, n);
                        keyed = grow(keyed, n);
                    }
                }
            }
        }
        return new Prints(mac.mac64(VALUE, Sha256Mac.utf8(value)), Arrays.copyOf(prints, n), Arrays.copyOf(tags, n),
                Arrays.copyOf(keyed, n));
    }

    /** Unpadded base64 and upper-case hex add no windows their siblings lack. */
    private static boolean windowed(Form f) {
        String t = f.text();
        if (f.encoding() == Encoding.HEX && !t.equals(t.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return !((f.encoding() == Encoding.BASE64 || f.encoding() == Encoding.BASE64_URL) && !t.endsWith("=")
                && t.length() % 4 != 0);
    }

    /** A window counts when at least half of it (or all the secret, if shorter) is secret. */
    private static boolean secretEnough(Form f, int start) {
        int overlap = Math.min(start + Grams.LENGTH, f.secretTo()) - Math.max(start, f.secretFrom());
        return overlap >= Math.min(Grams.LENGTH / 2, f.secretTo() - f.secretFrom());
    }

    /** "============" or "000000000000" is no evidence of anything. */
    private static boolean varied(String text, int start) {
        long mask = 0;
        int distinct = 0;
        for (int i = start; i < start + Grams.LENGTH; i++) {
            long bit = 1L << (text.charAt(i) & 63);
            if ((mask & bit) == 0) {
                mask |= bit;
                distinct++;
            }
        }
        return distinct >= 4;
    }

    private static int add(Set<Long> seen, long[] prints, byte[] tags, int n, long print, int tag) {
        if (!seen.add(print)) {
            return n;
        }
        prints[n] = print;
        tags[n] = (byte) tag;
        return n + 1;
    }

    private static long[] grow(long[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }

    private static int[] grow(int[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }

    private static byte[] grow(byte[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }
}
