package dev.latchkey.core.internal.launch.mask;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Passes bytes through, replacing every pattern of a {@link SecretMask}, however the writes split them.
 *
 * <p>Bytes that could still be the start of a pattern are held back until the next write shows
 * whether they are; everything else goes out at once, so prompts without a newline still appear.
 * At {@link #close()} the held-back bytes (which, by then, match no whole pattern) are written.
 * Where one pattern is a prefix of another, the longer one wins, so no tail of a value is left showing.
 */
public final class MaskingOutputStream extends OutputStream {

    private final OutputStream out;
    private SecretMask mask;
    private byte[] pending = new byte[256];
    private int size;
    private boolean closed;

    public MaskingOutputStream(OutputStream out, SecretMask mask) {
        this.out = out;
        this.mask = mask;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (mask.isEmpty()) {
            out.write(b, off, len);
            return;
        }
        if (size + len > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, size + len));
        }
        System.arraycopy(b, off, pending, size, len);
        size += len;
        drain(false);
    }

    /**
     * Hides {@code wider}'s patterns from now on (a value handed to the child after it started, such
     * as a re-minted sandbox token). Bytes already written are not taken back; held-back bytes are
     * checked against the wider mask.
     */
    public synchronized void widen(SecretMask wider) {
        mask = wider;
    }

    /** Writes what is known to be safe and flushes it; bytes that may start a value stay held. */
    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        drain(true);
        closed = true;
        out.close();
    }

    /** Like {@link #close()} without closing the stream underneath (the CLI's own stdout). */
    public synchronized void finish() throws IOException {
        if (!closed) {
            drain(true);
            closed = true;
            out.flush();
        }
    }

    private void drain(boolean atEnd) throws IOException {
        int emitted = 0;
        int i = 0;
        while (i < size) {
            SecretMask.Pattern full = null;
            boolean mayGrow = false;
            for (SecretMask.Pattern p : mask.startingWith(pending[i])) {
                int n = p.bytes().length;
                int have = Math.min(n, size - i);
                if (!Arrays.equals(pending, i, i + have, p.bytes(), 0, have)) {
                    continue;
                }
                if (have == n) {
                    if (full == null || n > full.bytes().length) {
                        full = p;
                    }
                } else if (!atEnd) {
                    mayGrow = true;
                }
            }
            if (mayGrow) {
                break;
            }
            if (full != null) {
                out.write(pending, emitted, i - emitted);
                out.write(full.replacement());
                i += full.bytes().length;
                emitted = i;
            } else {
                i++;
            }
        }
        // Everything before i is settled; from i on may still become a value.
        out.write(pending, emitted, i - emitted);
        System.arraycopy(pending, i, pending, 0, size - i);
        size -= i;
        out.flush();
    }
}
