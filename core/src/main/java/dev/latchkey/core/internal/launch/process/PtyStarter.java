package dev.latchkey.core.internal.launch.process;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import dev.latchkey.core.config.LatchkeyDirectories;
import dev.latchkey.core.config.PrivateFiles;
import dev.latchkey.core.launch.process.ChildStartException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Starts a child in a pseudo-terminal (pty4j), so colours, prompts and line editing keep
 * working while Latchkey still reads, and masks, everything the child prints.
 */
final class PtyStarter {

    private PtyStarter() {
    }

    /** The system property pty4j reads for the folder it unpacks its native library into. */
    static final String NATIVE_FOLDER_PROPERTY = "pty4j.tmpdir";

    /**
     * Points pty4j at the user's own cache folder (0700) before its first use. Left alone, it
     * unpacks libpty into a new /tmp/pty4j-* folder on every run and leaves it there; in the cache
     * it is unpacked once and reused. A folder the user or the app set already is kept.
     */
    static synchronized void useUserCacheForNatives() {
        if (System.getProperty(NATIVE_FOLDER_PROPERTY) != null) {
            return;
        }
        try {
            Path folder = PrivateFiles.folder(LatchkeyDirectories.cacheForCurrentUser().resolve("pty4j"));
            System.setProperty(NATIVE_FOLDER_PROPERTY, folder.toAbsolutePath().toString());
        } catch (IOException | RuntimeException e) {
            // No cache folder (a read-only home): pty4j falls back to a temporary folder of its own.
        }
    }

    /** Starts {@code command} in a terminal of {@code columns} by {@code rows}. */
    static RunningChild start(ChildCommand command, int columns, int rows) throws ChildStartException {
        String[] argv = ChildStarts.resolvedArgv(command).toArray(String[]::new);
        useUserCacheForNatives();
        try {
            PtyProcess process = new PtyProcessBuilder(argv)
                    .setEnvironment(command.environment())
                    .setDirectory(command.folder().toString())
                    .setInitialColumns(columns)
                    .setInitialRows(rows)
                    .setRedirectErrorStream(true)
                    // Keeps the terminal open after the child exits until its last output is read; without
                    // it a child that prints and exits at once can lose that output.
                    .setUnixOpenTtyToPreserveOutputAfterTermination(true)
                    .start();
            return new InPty(process);
        } catch (IOException | RuntimeException e) {
            throw new ChildStartException("cannot start " + command.argv().getFirst()
                    + " in a pseudo-terminal: " + e.getMessage(), e);
        }
    }

    private record InPty(PtyProcess process) implements ProcessChild {

        @Override
        public InputStream stderr() {
            return InputStream.nullInputStream();
        }

        /** Does nothing: a terminal's input and output are one file, so closing it would also cut off the output. */
        @Override
        public void endInput() {
        }

        @Override
        public void resize(int columns, int rows) {
            if (columns <= 0 || rows <= 0 || !process.isAlive()) {
                return;
            }
            try {
                process.setWinSize(new WinSize(columns, rows));
            } catch (RuntimeException ended) {
                // The terminal closed between the check and the call: nobody is left to redraw.
            }
        }
    }
}
