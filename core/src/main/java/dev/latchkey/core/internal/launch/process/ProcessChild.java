package dev.latchkey.core.internal.launch.process;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A {@link RunningChild} that is a JDK {@link Process}, on pipes or in a pseudo-terminal: what both
 * starters share. A terminal child overrides what a terminal changes (no separate stderr, input
 * that cannot be closed alone, a size).
 */
interface ProcessChild extends RunningChild {

    /** The started process. */
    Process process();

    @Override
    default long pid() {
        return process().pid();
    }

    @Override
    default InputStream stdout() {
        return process().getInputStream();
    }

    @Override
    default InputStream stderr() {
        return process().getErrorStream();
    }

    @Override
    default OutputStream stdin() {
        return process().getOutputStream();
    }

    @Override
    default boolean isAlive() {
        return process().isAlive();
    }

    @Override
    default int waitFor() throws InterruptedException {
        // On Linux and macOS the JDK reports a child ended by signal n as 128+n, as shells do.
        return process().waitFor();
    }
}
