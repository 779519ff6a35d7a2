package dev.latchkey.core.approval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The process that asks for values, as a prompt shows it. On Linux the facts come from {@code /proc}
 * (through {@link ProcessHandle}) for a pid the kernel gave, never from what the process says.
 *
 * @param pid its process id; empty when the kernel would not say
 * @param commandLine its command line, or {@code (unknown)}
 * @param workingFolder its working folder, when readable
 * @param parent its parent, such as {@code bash (pid 4121)}, or {@code (unknown)}
 */
public record Requester(OptionalLong pid, String commandLine, Optional<String> workingFolder, String parent) {

    private static final String UNKNOWN = "(unknown)";

    public Requester {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(workingFolder, "workingFolder");
        Objects.requireNonNull(parent, "parent");
    }

    /** This process. */
    public static Requester self() {
        return of(OptionalLong.of(ProcessHandle.current().pid()));
    }

    /** The process {@code pid}, as far as it can be read; every field says unknown where it cannot. */
    public static Requester of(OptionalLong pid) {
        if (pid.isEmpty()) {
            return new Requester(pid, UNKNOWN, Optional.empty(), UNKNOWN);
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.getAsLong());
        String command = handle.flatMap(h -> h.info().commandLine()).orElse(UNKNOWN);
        String parent = handle.flatMap(ProcessHandle::parent)
                .map(p -> p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("a process")
                        + " (pid " + p.pid() + ")")
                .orElse(UNKNOWN);
        Optional<String> folder;
        try {
            folder = Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid.getAsLong()), "cwd")).toString());
        } catch (IOException | UnsupportedOperationException e) {
            folder = Optional.empty();
        }
        return new Requester(pid, command, folder, parent);
    }

    /** One line, such as {@code pid 4242: latchkey run -- ./server (in /home/ada/app; parent bash (pid 4121))}. */
    public String describe() {
        return (pid.isPresent() ? "pid " + pid.getAsLong() : "pid unknown") + ": " + commandLine
                + " (in " + workingFolder.orElse(UNKNOWN) + "; parent " + parent + ")";
    }
}
