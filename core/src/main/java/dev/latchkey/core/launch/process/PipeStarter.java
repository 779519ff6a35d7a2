package dev.latchkey.core.launch.process;

import java.io.IOException;

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

    private record Piped(Process process) implements ProcessChild {
    }
}
