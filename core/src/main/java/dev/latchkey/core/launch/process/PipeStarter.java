package dev.latchkey.core.launch.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Starts a child with {@link ProcessBuilder}. */
final class PipeStarter implements ChildStarter {

    private final boolean inheritInput;

    PipeStarter(boolean inheritInput) {
        this.inheritInput = inheritInput;
    }

    @Override
    public RunningChild start(ChildCommand command) throws ChildStartException {
        ProcessBuilder builder = builder(command);
        if (inheritInput) {
            builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
        }
        return started(builder, command);
    }

    static ProcessBuilder builder(ChildCommand command) throws ChildStartException {
        ProcessBuilder builder = new ProcessBuilder(ChildStarter.resolvedArgv(command));
        builder.directory(command.folder().toFile());
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        return builder;
    }

    static RunningChild started(ProcessBuilder builder, ChildCommand command) throws ChildStartException {
        try {
            return new Piped(builder.start());
        } catch (IOException e) {
            throw new ChildStartException("cannot start " + command.argv().getFirst() + " in " + command.folder()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Everything inherited: the child writes straight to the terminal. */
    static final class Inherited implements ChildStarter {
        @Override
        public RunningChild start(ChildCommand command) throws ChildStartException {
            return started(builder(command).inheritIO(), command);
        }
    }

    private record Piped(Process process) implements RunningChild {
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
            return process.getErrorStream();
        }

        @Override
        public OutputStream stdin() {
            return process.getOutputStream();
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public int waitFor() throws InterruptedException {
            // On Linux and macOS the JDK reports a child ended by signal n as 128+n, as shells do.
            return process.waitFor();
        }
    }
}
