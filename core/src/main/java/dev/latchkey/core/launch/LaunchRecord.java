package dev.latchkey.core.launch;

import java.time.Instant;
import java.util.List;
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
 */
public record LaunchRecord(Instant started, Instant ended, String profile, List<String> command, List<String> refs,
                           List<String> sandboxes, long pid, int exitCode, Optional<String> note) {

    public LaunchRecord {
        command = List.copyOf(command);
        refs = List.copyOf(refs);
        sandboxes = List.copyOf(sandboxes);
    }
}
