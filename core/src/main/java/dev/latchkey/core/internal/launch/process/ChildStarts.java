package dev.latchkey.core.internal.launch.process;

import dev.latchkey.core.launch.process.ChildStartException;
import dev.latchkey.core.launch.process.ChildStarter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a launch's child as its {@link ChildStarter} says. */
public final class ChildStarts {

    private ChildStarts() {
    }

    /** Starts {@code command} with pipes, inherited streams or a pseudo-terminal, as {@code how} says. */
    public static RunningChild start(ChildStarter how, ChildCommand command) throws ChildStartException {
        // Not a pattern switch: its first run generates a class at run time, which the AOT cache cannot
        // hold, on every launch's way to its child.
        if (how instanceof ChildStarter.Pipes p) {
            return PipeStarter.start(command, p.inputInherited());
        }
        if (how instanceof ChildStarter.Pty t) {
            return PtyStarter.start(command, t.columns(), t.rows());
        }
        if (how instanceof ChildStarter.Inherited) {
            return PipeStarter.inherited(command);
        }
        throw new IllegalArgumentException("no way to start a child as " + how);
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
