package dev.latchkey.core.internal.guard;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The fingerprints of received values, sorted for lookup, with what each belongs to. Holds no
 * value: a fingerprint is a truncated HMAC whose key stays in the keychain.
 */
public final class FingerprintSet {

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
    // Views of arrays, or of the fingerprint file's bytes as mapped: a scan reads a few
    // dozen prints per lookup, so copying a million of them first would cost more than the scan.
    private final LongBuffer prints;
    private final IntBuffer owners; // entry index << 8 | tag
    private final Filter filter;

    /**
     * The prefilter: each print's {@link Prefilter#keyed} value, and a table with, for each, the
     * bit {@code keyed & (bits - 1)} set and, in a table of two probes, the bit {@link #second}
     * too (a Bloom filter of two hashes: at 16 bits a print about 1 stretch in 100 passes, against
     * 1 in 20 with one, and each that passes costs an HMAC). While some entries came from a file
     * an older Latchkey wrote, their keyed values are unknown: {@code known} says which entries'
     * are, and there is no table (every stretch then gets the HMAC).
     *
     * @param table null while some entry's keyed values are unknown
     * @param known the entries whose keyed values are known; null when all are
     * @param probes bits set for each print: 2, or 1 in a table read from a version 2 file
     */
    public record Filter(IntBuffer keyed, ByteBuffer table, BitSet known, int probes) {
        int bits() {
            return table == null ? 0 : table.limit() * 8;
        }

        boolean knows(int entry) {
            return known == null || known.get(entry);
        }
    }

    /**
     * The second probe's bit of {@code keyed} in a table of {@code 2^tableShift} bits: the top
     * bits of a multiplicative hash (Knuth's, by the golden ratio), which depend on all 32 bits of
     * the keyed value, where the first probe takes its lowest.
     */
    static int second(int keyed, int tableShift) {
        return (keyed * 0x9e3779b9) >>> (32 - tableShift);
    }

    /** @param filter null for a file without keyed values (version 1) */
    FingerprintSet(long keyId, List<Entry> entries, LongBuffer prints, IntBuffer owners, Filter filter) {
        this.keyId = keyId;
        this.entries = entries;
        this.prints = prints;
        this.owners = owners;
        this.filter = filter;
        this.table = filter == null ? null : bytes(filter.table());
        this.mask = filter == null ? 0 : filter.bits() - 1;
        this.shift = filter == null || filter.probes() < 2 ? 0 : Integer.numberOfTrailingZeros(filter.bits());
    }

    // The table as an array: a mapped buffer's get costs a cold JVM several calls per stretch looked at.
    private final byte[] table;
    private final int mask;
    /** log2 of the table's bits for a second probe; 0 for a table of one probe. */
    private final int shift;

    private static byte[] bytes(ByteBuffer table) {
        if (table == null) {
            return null;
        }
        if (table.hasArray() && table.arrayOffset() == 0 && table.position() == 0
                && table.limit() == table.array().length) {
            return table.array();
        }
        byte[] copy = new byte[table.limit()];
        table.get(0, copy);
        return copy;
    }

    static FingerprintSet empty(long keyId) {
        return new FingerprintSet(keyId, List.of(), LongBuffer.allocate(0), IntBuffer.allocate(0),
                new Filter(IntBuffer.allocate(0), ByteBuffer.allocate(8), null, 2));
    }

    /** The prefilter, or null when this set has no keyed values at all. */
    public Filter filter() {
        return filter;
    }

    /** False when no print can have the keyed value {@code keyed}; true when one may. */
    boolean mayHold(int keyed) {
        if (table == null) {
            return true;
        }
        int bit = keyed & mask;
        if ((table[bit >>> 3] & (1 << (bit & 7))) == 0) {
            return false;
        }
        if (shift == 0) {
            return true;
        }
        int other = second(keyed, shift);
        return (table[other >>> 3] & (1 << (other & 7))) != 0;
    }

    long keyId() {
        return keyId;
    }

    List<Entry> entries() {
        return entries;
    }

    public int size() {
        return prints.limit();
    }

    long print(int i) {
        return prints.get(i);
    }

    int owner(int i) {
        return owners.get(i);
    }

    /** The first index holding {@code print}, or -1. Equal prints sit side by side. */
    int find(long print) {
        int lo = 0;
        int hi = prints.limit() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long p = prints.get(mid);
            if (p < print) {
                lo = mid + 1;
            } else if (p > print) {
                hi = mid - 1;
            } else {
                int i = mid;
                while (i > 0 && prints.get(i - 1) == print) {
                    i--;
                }
                return i;
            }
        }
        return -1;
    }

    /** An owner index out of range (a damaged file) matches nothing rather than failing a scan. */
    boolean ownerValid(int i) {
        return (owners.get(i) >>> 8) < entries.size();
    }

    /** A builder that sorts prints with their owners. */
    static final class Builder {
        private final long keyId;
        private final List<Entry> entries = new ArrayList<>();
        private long[] prints = new long[1024];
        private int[] owners = new int[1024];
        private int[] keyed = new int[1024];
        private final BitSet known = new BitSet();
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

        /** Adds an entry's prints; {@code k} their keyed prefilter values, or null when unknown (an old file). */
        void add(Entry e, long[] p, byte[] tags, int[] k) {
            int index = entries.size();
            entries.add(e);
            known.set(index, k != null);
            for (int i = 0; i < p.length; i++) {
                if (n == prints.length) {
                    prints = Arrays.copyOf(prints, n * 2);
                    owners = Arrays.copyOf(owners, n * 2);
                    keyed = Arrays.copyOf(keyed, n * 2);
                }
                prints[n] = p[i];
                owners[n] = index << 8 | (tags[i] & 0xff);
                keyed[n] = k == null ? 0 : k[i];
                n++;
            }
        }

        /** Bits in the prefilter's table for {@code prints}: at least 16 a print, so about 1 in 100 stretches passes it. */
        static int tableBits(int prints) {
            return Math.max(1024, Integer.highestOneBit(Math.max(1, prints) * 16 - 1) << 1);
        }

        FingerprintSet build() {
            long[] p = Arrays.copyOf(prints, n);
            int[] o = Arrays.copyOf(owners, n);
            int[] k = Arrays.copyOf(keyed, n);
            sort(p, o, k, 0, n - 1);
            Filter f;
            if (known.cardinality() == entries.size()) {
                int bits = tableBits(n);
                byte[] table = new byte[bits / 8];
                int m = bits - 1;
                int tableShift = Integer.numberOfTrailingZeros(bits);
                for (int x : k) {
                    table[(x & m) >>> 3] |= (byte) (1 << (x & 7));
                    int y = second(x, tableShift);
                    table[y >>> 3] |= (byte) (1 << (y & 7));
                }
                f = new Filter(IntBuffer.wrap(k), ByteBuffer.wrap(table), null, 2);
            } else {
                f = new Filter(IntBuffer.wrap(k), null, (BitSet) known.clone(), 2);
            }
            return new FingerprintSet(keyId, List.copyOf(entries), LongBuffer.wrap(p), IntBuffer.wrap(o), f);
        }

        /** Quicksort of prints carrying their owners along (no boxing for a million pairs). */
        private static void sort(long[] p, int[] o, int[] k, int lo, int hi) {
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
                        swap(p, o, k, i++, j--);
                    }
                }
                if (j - lo < hi - i) {
                    sort(p, o, k, lo, j);
                    lo = i;
                } else {
                    sort(p, o, k, i, hi);
                    hi = j;
                }
            }
            for (int i = lo + 1; i <= hi; i++) {
                for (int j = i; j > lo && p[j - 1] > p[j]; j--) {
                    swap(p, o, k, j, j - 1);
                }
            }
        }

        private static void swap(long[] p, int[] o, int[] k, int a, int b) {
            long t = p[a];
            p[a] = p[b];
            p[b] = t;
            int u = o[a];
            o[a] = o[b];
            o[b] = u;
            u = k[a];
            k[a] = k[b];
            k[b] = u;
        }
    }
}
