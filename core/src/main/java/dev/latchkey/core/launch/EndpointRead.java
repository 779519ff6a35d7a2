package dev.latchkey.core.launch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One read through a launch's refresh endpoint, as the launch log keeps it: which process of the
 * launch's tree read, the launch it belongs to, and what it was served, by name. No values: no field
 * could hold one. A process that polls is recorded once per version of the values, not once per poll.
 *
 * @param at when the endpoint answered
 * @param reader the process that read (the launched program or one of its children), from the kernel;
 *     empty when the system cannot say
 * @param launchPid the launched program's pid: the {@code pid} of the launch's own line
 * @param profile the launch's profile
 * @param refs the references served
 * @param sandboxes the sandbox names whose tokens were served
 * @param decision who let it read: {@link ReadDecision#AUTO}, the launch's token and process tree (what the
 *     launch itself read was asked about, if at all, when it read it)
 */
public record EndpointRead(Instant at, Optional<ProcessFacts> reader, long launchPid, String profile, List<String> refs,
                           List<String> sandboxes, ReadDecision decision) {

    public EndpointRead {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(decision, "decision");
        refs = List.copyOf(refs);
        sandboxes = List.copyOf(sandboxes);
    }
}
