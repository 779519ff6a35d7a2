package dev.latchkey.core.internal.launch.process;

import dev.latchkey.core.launch.process.ChildStartException;
import java.io.IOException;

/** Starts a child with {@link ProcessBuilder}. */
final class PipeStarter {

    private PipeStarter() {
    }

    /** Pipes for stdout and stderr; stdin inherited when {@code inheritInput}, else a pipe too. */
    static RunningChild start(ChildCommand command, boolean inheritInput) throws ChildStartException {
        ProcessBuilder builder = builder(command);
        if (inheritInput) {
            builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
        }
        return started(builder, command);
    }

    /** Everything inherited: the child writes straight to the terminal. */
    static RunningChild inherited(ChildCommand command) throws ChildStartException {
        return started(builder(command).inheritIO(), command);
    }

    private static ProcessBuilder builder(ChildCommand command) throws ChildStartException {
        ProcessBuilder builder = new ProcessBuilder(ChildStarts.resolvedArgv(command));
        builder.directory(command.folder().toFile());
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        return builder;
    }

    private static RunningChild started(ProcessBuilder builder, ChildCommand command) throws ChildStartException {
        try {
            return new Piped(builder.start());
        } catch (IOException e) {
            throw new ChildStartException("cannot start " + command.argv().getFirst() + " in " + command.folder()
                    + ": " + e.getMessage(), e);
        }
    }

    private record Piped(Process process) implements ProcessChild {
    }
}
