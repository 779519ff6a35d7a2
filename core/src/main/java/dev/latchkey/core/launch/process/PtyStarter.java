package dev.latchkey.core.launch.process;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Starts a child in a pseudo-terminal (pty4j), so colours, prompts and line editing keep
 * working while Latchkey still reads, and masks, everything the child prints.
 */
final class PtyStarter implements ChildStarter {

    private final int columns;
    private final int rows;

    PtyStarter(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    @Override
    public RunningChild start(ChildCommand command) throws ChildStartException {
        String[] argv = ChildStarter.resolvedArgv(command).toArray(String[]::new);
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

    private record InPty(PtyProcess process) implements RunningChild {
        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public InputStream stdout() {
            return process.getInputStream();
        }

        @Override
        public InputStream stderr() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream stdin() {
            return process.getOutputStream();
        }

        /** Does nothing: a terminal's input and output are one file, so closing it would also cut off the output. */
        @Override
        public void endInput() {
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
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

        @Override
        public int waitFor() throws InterruptedException {
            return process.waitFor();
        }
    }
}
