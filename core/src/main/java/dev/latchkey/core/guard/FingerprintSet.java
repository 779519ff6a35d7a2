package dev.latchkey.core.guard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fingerprints of received values, sorted for lookup, with what each belongs to. Holds no
 * value: a fingerprint is a truncated HMAC whose key stays in the keychain.
 */
final class FingerprintSet {

    /**
     * One received value.
     *
     * @param label what to show: a reference ({@code latchkey://team/env/name}) or {@code sandbox NAME}
     * @param broker the broker it came from, or "" (reports go there)
     * @param valueId a keyed fingerprint of the whole value, to record it again without a duplicate
     */
    record Entry(String label, String broker, long valueId, Instant received, Instant expires) {
    }

    private final long keyId;
    private final List<Entry> entries;
    private final long[] prints;
    private final int[] owners; // entry index << 8 | tag

    FingerprintSet(long keyId, List<Entry> entries, long[] prints, int[] owners) {
        this.keyId = keyId;
        this.entries = entries;
        this.prints = prints;
        this.owners = owners;
    }

    static FingerprintSet empty(long keyId) {
        return new FingerprintSet(keyId, List.of(), new long[0], new int[0]);
    }

    long keyId() {
        return keyId;
    }

    List<Entry> entries() {
        return entries;
    }

    int size() {
        return prints.length;
    }

    long print(int i) {
        return prints[i];
    }

    int owner(int i) {
        return owners[i];
    }

    /** The first index holding {@code print}, or -1. Equal prints sit side by side. */
    int find(long print) {
        int i = Arrays.binarySearch(prints, print);
        if (i < 0) {
            return -1;
        }
        while (i > 0 && prints[i - 1] == print) {
            i--;
        }
        return i;
    }

    /** An owner index out of range (a damaged file) matches nothing rather than failing a scan. */
    boolean ownerValid(int i) {
        return (owners[i] >>> 8) < entries.size();
    }

    /** A builder that sorts prints with their owners. */
    static final class Builder {
        private final long keyId;
        private final List<Entry> entries = new ArrayList<>();
        private long[] prints = new long[1024];
        private int[] owners = new int[1024];
        private int n;

        Builder(long keyId) {
            this.keyId = keyId;
        }

        int entries() {
            return entries.size();
        }

        int prints() {
            return n;
        }

        void add(Entry e, long[] p, byte[] tags) {
            int index = entries.size();
            entries.add(e);
            for (int i = 0; i < p.length; i++) {
                if (n == prints.length) {
                    prints = Arrays.copyOf(prints, n * 2);
                    owners = Arrays.copyOf(owners, n * 2);
                }
                prints[n] = p[i];
                owners[n] = index << 8 | (tags[i] & 0xff);
                n++;
            }
        }

        FingerprintSet build() {
            long[] p = Arrays.copyOf(prints, n);
            int[] o = Arrays.copyOf(owners, n);
            sort(p, o, 0, n - 1);
            return new FingerprintSet(keyId, List.copyOf(entries), p, o);
        }

        /** Quicksort of prints carrying their owners along (no boxing for a million pairs). */
        private static void sort(long[] p, int[] o, int lo, int hi) {
            while (hi - lo > 16) {
                long pivot = p[(lo + hi) >>> 1];
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (p[i] < pivot) {
                        i++;
                    }
                    while (p[j] > pivot) {
                        j--;
                    }
                    if (i <= j) {
                        swap(p, o, i++, j--);
                    }
                }
                if (j - lo < hi - i) {
                    sort(p, o, lo, j);
                    lo = i;
                } else {
                    sort(p, o, i, hi);
                    hi = j;
                }
            }
            for (int i = lo + 1; i <= hi; i++) {
                for (int k = i; k > lo && p[k - 1] > p[k]; k--) {
                    swap(p, o, k, k - 1);
                }
            }
        }

        private static void swap(long[] p, int[] o, int a, int b) {
            long t = p[a];
            p[a] = p[b];
            p[b] = t;
            int u = o[a];
            o[a] = o[b];
            o[b] = u;
        }
    }
}
