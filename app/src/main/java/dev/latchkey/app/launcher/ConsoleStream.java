package dev.latchkey.app.launcher;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Where a launched child's already-masked output goes: whole lines are decoded and handed on
 * (a UTF-8 character split across two writes is never cut in half); the rest at close.
 * Written to by core's output pumps, so thread-safe.
 */
final class ConsoleStream extends OutputStream {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Consumer<String> lines;

    /** @param lines receives decoded text, from the writing thread */
    ConsoleStream(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
        if (b == '\n') {
            drain();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
        for (int i = off + len - 1; i >= off; i--) {
            if (b[i] == '\n') {
                drain();
                return;
            }
        }
    }

    @Override
    public synchronized void flush() {
        // Lines go on as they complete; a partial line waits for its end or for close.
    }

    @Override
    public synchronized void close() {
        if (pending.size() > 0) {
            String rest = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            lines.accept(rest);
        }
    }

    private void drain() {
        byte[] all = pending.toByteArray();
        int last = all.length - 1;
        while (last >= 0 && all[last] != '\n') {
            last--;
        }
        lines.accept(new String(all, 0, last + 1, StandardCharsets.UTF_8));
        pending.reset();
        pending.write(all, last + 1, all.length - last - 1);
    }
}
