package dev.latchkey.core.internal.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The bytes a server already took off a connection, then the connection itself; or those bytes
 * alone, ending where they end (no connection), to see whether they hold a whole request.
 */
final class Prefixed implements ReadableByteChannel {

    /** No bytes read already. */
    static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final ByteBuffer prefix;
    private final ReadableByteChannel rest;
    private boolean exhausted;

    /**
     * @param prefix the bytes read already, between its position and limit
     * @param rest the connection they came from, or null to end after them
     */
    Prefixed(ByteBuffer prefix, ReadableByteChannel rest) {
        this.prefix = prefix;
        this.rest = rest;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (prefix.hasRemaining()) {
            int n = Math.min(dst.remaining(), prefix.remaining());
            dst.put(prefix.slice(prefix.position(), n));
            prefix.position(prefix.position() + n);
            return n;
        }
        if (rest == null) {
            exhausted = true;
            return -1;
        }
        return rest.read(dst);
    }

    /** True when a reader wanted more than the prefix held (and there was no connection to read on). */
    boolean exhausted() {
        return exhausted;
    }

    @Override
    public boolean isOpen() {
        return rest == null || rest.isOpen();
    }

    @Override
    public void close() {
        // The connection is its server's to close.
    }
}
