package dev.latchkey.core.launch;

import java.util.List;
import java.util.Objects;

/**
 * Which local process did something: read by Latchkey from the operating system ({@code /proc} on
 * Linux), never taken from what the process says about itself. Holds no value.
 *
 * @param pid the process id
 * @param executable the program's path (or its command name when the path cannot be read)
 * @param workingFolder the process's working folder; empty when it cannot be read
 * @param parents the processes above it, nearest first, each as {@code "pid program"}
 */
public record ProcessFacts(long pid, String executable, String workingFolder, List<String> parents) {

    public ProcessFacts {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(workingFolder, "workingFolder");
        parents = List.copyOf(parents);
    }
}
