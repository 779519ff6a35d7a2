package dev.latchkey.core.internal.launch.process;

import dev.latchkey.core.launch.process.PosixSignal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A started child: its output, its input, signals, and its exit code. */
public interface RunningChild {

    /** The child's process id. */
    long pid();

    /** The child's stdout (in a PTY: the terminal's output, stderr included). */
    InputStream stdout();

    /** The child's stderr; an empty stream when it shares the PTY with stdout. */
    InputStream stderr();

    /** The child's stdin. */
    OutputStream stdin();

    /** True while it runs. */
    boolean isAlive();

    /** Waits for the end; the exit code, or 128+n when a signal n ended it. */
    int waitFor() throws InterruptedException;

    /** Tells the child its input has ended (closes its stdin). */
    default void endInput() throws IOException {
        stdin().close();
    }

    /**
     * Tells a child in a pseudo-terminal that the user's terminal changed size (the kernel sends
     * it SIGWINCH, so full-screen programs redraw). A child on pipes has no terminal: nothing to do.
     */
    default void resize(int columns, int rows) {
    }

    /** Sends a signal to the child (best effort once it has ended). */
    default void signal(PosixSignal signal) {
        Signals.send(pid(), signal);
    }
}
