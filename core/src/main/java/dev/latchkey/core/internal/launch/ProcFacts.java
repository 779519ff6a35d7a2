package dev.latchkey.core.internal.launch;

import dev.latchkey.core.launch.ProcessFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the system says of a local process: its program, working folder and parents, from Linux's
 * {@code /proc} (the program from {@link ProcessHandle} elsewhere). Parts that cannot be read (the
 * process ended, or belongs to another user) are left empty or "unknown", never guessed.
 */
public final class ProcFacts {

    /** How many parents are named at most (a shell inside a terminal inside a session is deep enough). */
    public static final int MAX_PARENTS = 8;

    private ProcFacts() {
    }

    /**
     * What {@code /proc} says of process {@code pid}: its program, working folder and parents.
     * Parts that cannot be read (the process ended, or belongs to another user) are left empty.
     */
    public static ProcessFacts facts(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        String exe = link(pid, "exe").or(() -> handle.flatMap(h -> h.info().command())).orElse(name(pid));
        List<String> parents = new ArrayList<>();
        Optional<ProcessHandle> up = handle.flatMap(ProcessHandle::parent);
        while (up.isPresent() && parents.size() < MAX_PARENTS) {
            long p = up.get().pid();
            parents.add(p + " " + link(p, "exe").or(() -> ProcessHandle.of(p).flatMap(h -> h.info().command()))
                    .orElse(name(p)));
            if (p <= 1) {
                break;
            }
            up = up.get().parent();
        }
        return new ProcessFacts(pid, exe, link(pid, "cwd").orElse(""), parents);
    }

    /** Process {@code pid} and those above it, nearest first, each {@code "pid program"}: who launched something. */
    public static List<String> chain(long pid) {
        ProcessFacts self = facts(pid);
        List<String> chain = new ArrayList<>(List.of(pid + " " + self.executable()));
        chain.addAll(self.parents());
        return List.copyOf(chain);
    }

    private static Optional<String> link(long pid, String which) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), which)).toString());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String name(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
