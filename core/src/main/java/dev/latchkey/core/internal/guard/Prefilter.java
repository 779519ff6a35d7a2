package dev.latchkey.core.internal.guard;

/**
 * The cheap first test of a stretch of text before its keyed HMAC is computed: a scan looks at
 * tens of thousands of stretches per commit and almost none is a received value, and the HMAC
 * was most of the scan's time.
 *
 * <p>A stretch's {@link #cheap} hash (64-bit FNV-style, not secret) goes through SipHash-2-4
 * (Aumasson and Bernstein, 2012), a pseudo-random function keyed by 128 bits derived from the
 * fingerprint key with the HMAC. The fingerprint file keeps, for each fingerprint, 32 bits of
 * that keyed value, and a bit table of them; a stretch whose bit is clear is no received value,
 * and only the few whose bit is set (about 1 in 16 when nothing matches) get the HMAC, which
 * alone decides a match. Without the fingerprint key the keyed values are as unpredictable as
 * the fingerprints themselves, so the file still allows no guess to be checked; with the key
 * they reveal no more than the fingerprints do.
 */
public final class Prefilter {

    private static final byte DERIVE = 'P';
    /** The FNV prime {@link #cheap} multiplies by; {@link Grams}' rolling hash uses the same. */
    static final long PRIME = 0x100000001b3L;

    private final long k0;
    private final long k1;

    Prefilter(Sha256Mac mac) {
        this(mac.mac64(DERIVE, Sha256Mac.utf8("latchkey guard prefilter k0")),
                mac.mac64(DERIVE, Sha256Mac.utf8("latchkey guard prefilter k1")));
    }

    /** SipHash's key as two little-endian words (the tests check the published test vector). */
    Prefilter(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /**
     * The hash of {@code text[from, to)} in {@code domain} that {@link #keyed} takes (also a cache
     * key). Of a {@code String}: C1 inlines its {@code charAt}, not an interface's.
     */
    static long cheap(byte domain, String text, int from, int to) {
        long h = domain;
        for (int i = from; i < to; i++) {
            h = h * PRIME + text.charAt(i);
        }
        return h * 31 + (to - from);
    }

    /**
     * {@link #cheap} of a gram in {@code domain} from its rolling hash in {@link Grams} (the same
     * polynomial of its {@link Grams#LENGTH} characters, with the same prime): the gram's
     * characters are not read again.
     */
    static long cheapOfGram(byte domain, long rolled) {
        return (domain * DOMAIN_SHIFT + rolled) * 31 + Grams.LENGTH;
    }

    /** The prime to the power {@link Grams#LENGTH}: where {@link #cheap} has moved the domain after a gram. */
    private static final long DOMAIN_SHIFT;

    static {
        long p = 1;
        for (int i = 0; i < Grams.LENGTH; i++) {
            p *= PRIME;
        }
        DOMAIN_SHIFT = p;
    }

    /** 32 bits of SipHash-2-4 under the derived key, of the 8 bytes of {@code cheap} (little-endian). */
    int keyed(long cheap) {
        return (int) sip(cheap);
    }

    /** SipHash-2-4 of the 8 bytes of {@code message} (little-endian). */
    long sip(long message) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        // One message word, then the final word holding the length (8) in its top byte.
        long m = message;
        for (int word = 0; word < 2; word++, m = 8L << 56) {
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
