package dev.latchkey.core.launch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the launch log: what ran, with which references, and how it ended. No values.
 *
 * @param started when the child started
 * @param ended when it ended
 * @param profile the profile's name
 * @param command the program and arguments (masked, in case a user typed a value there)
 * @param refs the references injected
 * @param sandboxes the sandbox names whose tokens were injected
 * @param pid the child's process id
 * @param exitCode the child's exit code (128+n for signal n)
 * @param note why it ended when Latchkey ended it (expiry stop, restart), if it did
 * @param workingFolder the child's working folder; empty in lines written before it was kept
 * @param parents the process that launched it and those above, nearest first, each {@code "pid program"}
 * @param grants the grants its values were read under
 */
public record LaunchRecord(Instant started, Instant ended, String profile, List<String> command, List<String> refs,
                           List<String> sandboxes, long pid, int exitCode, Optional<String> note, String workingFolder,
                           List<String> parents, List<GrantUse> grants) {

    public LaunchRecord {
        command = List.copyOf(command);
        refs = List.copyOf(refs);
        sandboxes = List.copyOf(sandboxes);
        Objects.requireNonNull(workingFolder, "workingFolder");
        parents = List.copyOf(parents);
        grants = List.copyOf(grants);
    }

    /** A record without the process facts and grants (as lines written before they were kept read back). */
    public LaunchRecord(Instant started, Instant ended, String profile, List<String> command, List<String> refs,
                        List<String> sandboxes, long pid, int exitCode, Optional<String> note) {
        this(started, ended, profile, command, refs, sandboxes, pid, exitCode, note, "", List.of(), List.of());
    }
}
