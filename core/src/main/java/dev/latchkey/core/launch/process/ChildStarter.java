package dev.latchkey.core.launch.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts children, either with pipes or in a pseudo-terminal.
 *
 * <p>The environment goes to the child through the operating system's exec call; argv holds
 * only the command the user typed. The program is looked up on the child's own {@code PATH}
 * (a pristine launch may have a shorter one than Latchkey's).
 */
public sealed interface ChildStarter permits PipeStarter, PipeStarter.Inherited, PtyStarter {

    /** Starts the child. */
    RunningChild start(ChildCommand command) throws ChildStartException;

    /** Pipes for stdout and stderr (so they can be masked); stdin is inherited. */
    static ChildStarter pipes() {
        return new PipeStarter(true);
    }

    /** Pipes for stdout and stderr, and a pipe for stdin too (tests, the app). */
    static ChildStarter pipesWithInput() {
        return new PipeStarter(false);
    }

    /** The child's stdin, stdout and stderr are all inherited: nothing is masked. */
    static ChildStarter inherited() {
        return new PipeStarter.Inherited();
    }

    /** A pseudo-terminal of the given size: the child sees a TTY; its output can still be masked. */
    static ChildStarter pty(int columns, int rows) {
        return new PtyStarter(columns, rows);
    }

    /** Resolves argv[0] against the child's PATH when it names no folder. */
    static List<String> resolvedArgv(ChildCommand command) throws ChildStartException {
        List<String> argv = new ArrayList<>(command.argv());
        String program = argv.getFirst();
        if (program.contains("/") || program.contains(File.separator)) {
            return argv;
        }
        String path = command.environment().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                argv.set(0, candidate.toString());
                return argv;
            }
        }
        throw new ChildStartException("command not found: " + program + " (looked on the child's PATH)", null);
    }
}
