package dev.latchkey.core.internal.guard;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * HMAC-SHA-256 (RFC 2104) of short texts, truncated to 64 bits, with the key's inner and outer
 * pad states computed once. The guard computes tens of thousands of these per commit, most on a
 * cold JVM: going through {@code javax.crypto.Mac} costs a provider start-up and two extra
 * compressions per call, which is most of the scan. Checked against {@code Mac} by the tests.
 *
 * <p>A message is a domain byte followed by UTF-16BE characters, so windows of a line are hashed
 * without copying them. Not thread-safe: one per scanning thread.
 */
public final class Sha256Mac {

    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    private static final int[] IV = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

    private final int[] inner = new int[8];
    private final int[] outer = new int[8];
    private final int[] state = new int[8];
    private final int[] w = new int[64];
    private final byte[] block = new byte[64];

    Sha256Mac(byte[] key) {
        if (key.length > 64) {
            throw new IllegalArgumentException("a guard key is at most 64 bytes");
        }
        byte[] pad = new byte[64];
        for (int i = 0; i < 64; i++) {
            pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x36);
        }
        System.arraycopy(IV, 0, inner, 0, 8);
        compress(inner, pad);
        for (int i = 0; i < 64; i++) {
            pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x5c);
        }
        System.arraycopy(IV, 0, outer, 0, 8);
        compress(outer, pad);
        Arrays.fill(pad, (byte) 0);
    }

    /** The first 64 bits of HMAC(key, domain || UTF-16BE(text[from, to))). */
    long mac64(byte domain, CharSequence text, int from, int to) {
        System.arraycopy(inner, 0, state, 0, 8);
        int fill = 0;
        block[fill++] = domain;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            block[fill++] = (byte) (c >>> 8);
            if (fill == 64) {
                compress(state, block);
                fill = 0;
            }
            block[fill++] = (byte) c;
            if (fill == 64) {
                compress(state, block);
                fill = 0;
            }
        }
        long bits = (64L + 1 + 2L * (to - from)) * 8;
        finish(fill, bits);
        // Outer hash over the inner digest: one block.
        for (int i = 0; i < 8; i++) {
            putInt(block, 4 * i, state[i]);
        }
        System.arraycopy(outer, 0, state, 0, 8);
        finish(32, (64L + 32) * 8);
        return ((long) state[0] << 32) | (state[1] & 0xffffffffL);
    }

    /** The first 64 bits of HMAC(key, domain || UTF-8(text)): for labels and key ids. */
    long mac64(byte domain, byte[] message) {
        System.arraycopy(inner, 0, state, 0, 8);
        int fill = 0;
        block[fill++] = domain;
        for (byte b : message) {
            block[fill++] = b;
            if (fill == 64) {
                compress(state, block);
                fill = 0;
            }
        }
        finish(fill, (64L + 1 + message.length) * 8);
        for (int i = 0; i < 8; i++) {
            putInt(block, 4 * i, state[i]);
        }
        System.arraycopy(outer, 0, state, 0, 8);
        finish(32, (64L + 32) * 8);
        return ((long) state[0] << 32) | (state[1] & 0xffffffffL);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void finish(int fill, long bits) {
        block[fill++] = (byte) 0x80;
        if (fill > 56) {
            Arrays.fill(block, fill, 64, (byte) 0);
            compress(state, block);
            fill = 0;
        }
        Arrays.fill(block, fill, 56, (byte) 0);
        for (int i = 0; i < 8; i++) {
            block[56 + i] = (byte) (bits >>> (56 - 8 * i));
        }
        compress(state, block);
    }

    private void compress(int[] h, byte[] b) {
        for (int t = 0; t < 16; t++) {
            w[t] = (b[4 * t] << 24) | ((b[4 * t + 1] & 0xff) << 16) | ((b[4 * t + 2] & 0xff) << 8) | (b[4 * t + 3] & 0xff);
        }
        for (int t = 16; t < 64; t++) {
            int x = w[t - 15];
            int y = w[t - 2];
            int s0 = Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
            int s1 = Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ (y >>> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        int a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int t = 0; t < 64; t++) {
            int t1 = hh + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25))
                    + ((e & f) ^ (~e & g)) + K[t] + w[t];
            int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22))
                    + ((a & bb) ^ (a & c) ^ (bb & c));
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = bb;
            bb = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += bb;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
