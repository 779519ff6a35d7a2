package dev.latchkey.core.launch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One read through the local agent, as the launch log keeps it: who asked, for which references,
 * what was decided and which grants it used. No values: no field could hold one.
 *
 * @param at when the agent answered
 * @param process the process that asked, from the kernel; empty when the system cannot say
 * @param refs the references asked for
 * @param sandboxes the sandbox names whose tokens were asked for
 * @param decision who let it go ahead
 * @param grants the grants the served values were read under (empty when nothing was served)
 * @param refused the references the broker refused (then nothing was served)
 * @param note why it failed, when it did (a type of error, never a value)
 */
public record AgentRead(Instant at, Optional<ProcessFacts> process, List<String> refs, List<String> sandboxes,
                        ReadDecision decision, List<GrantUse> grants, List<String> refused, Optional<String> note) {

    public AgentRead {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(note, "note");
        refs = List.copyOf(refs);
        sandboxes = List.copyOf(sandboxes);
        grants = List.copyOf(grants);
        refused = List.copyOf(refused);
    }
}
