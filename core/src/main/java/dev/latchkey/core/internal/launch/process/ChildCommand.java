package dev.latchkey.core.internal.launch.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A program to start: argv (never a value), folder and the whole environment.
 *
 * <p>{@link #toString()} lists variable names only.
 */
public record ChildCommand(List<String> argv, Path folder, Map<String, String> environment) {

    public ChildCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no command to run");
        }
        Objects.requireNonNull(folder, "folder");
        environment = Map.copyOf(environment);
    }

    @Override
    public String toString() {
        return "ChildCommand[" + argv + " in " + folder + ", env names " + environment.keySet().stream().sorted().toList() + "]";
    }
}
