package dev.latchkey.core.agent;

import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.AgentRead;
import dev.latchkey.core.launch.GrantUse;
import dev.latchkey.core.launch.LaunchLog;
import dev.latchkey.core.launch.ProcessFacts;
import dev.latchkey.core.launch.ReadDecision;
import dev.latchkey.core.launch.Resolution;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The agent's record of every read it serves, kept in the {@link LaunchLog} beside the launches
 * (an {@link AgentRead} line): when, which process asked (from the kernel, see
 * {@code PeerProcess}), which references, what was decided and the grants used. Never a value.
 *
 * <p>For approvals: whatever decides before a read (a prompt for a {@code confirm} scope) records
 * its answer here. A read that was let through is {@link #served} with {@link ReadDecision#ALLOWED}
 * (or {@link ReadDecision#AUTO} when nobody was asked); one that was refused is {@link #denied} and
 * is then not resolved at all.
 */
public final class AgentAudit {

    /** Records nothing: for agents in tests and tools that keep no history. */
    public static final AgentAudit NONE = new AgentAudit(null, Clock.systemUTC(), line -> { });

    private final LaunchLog log;
    private final Clock clock;
    private final Consumer<String> problems;

    /**
     * @param log where reads are recorded
     * @param problems hears one line when the log cannot be written (the read is still served: a full
     *     disk must not stop the user's work, but it must not pass silently either)
     */
    public AgentAudit(LaunchLog log, Clock clock, Consumer<String> problems) {
        this.log = log;
        this.clock = clock;
        this.problems = problems;
    }

    /** A read that went ahead under {@code decision}, with what the broker answered. */
    public void served(Optional<ProcessFacts> process, Collection<SecretRef> refs, Collection<String> sandboxes,
                       ReadDecision decision, Resolution answer) {
        List<GrantUse> grants = List.of();
        List<String> refused = List.of();
        switch (answer) {
            case Resolution.Granted g -> grants = GrantUse.of(g.secrets().values());
            case Resolution.Refused r -> refused = r.refused().stream().map(RefusedRef::ref).map(SecretRef::toString).toList();
        }
        record(new AgentRead(clock.instant(), process, names(refs), List.copyOf(sandboxes), decision, grants, refused,
                Optional.empty()));
    }

    /** A read that went ahead under {@code decision} but failed ({@code why}: a kind of error, no value). */
    public void failed(Optional<ProcessFacts> process, Collection<SecretRef> refs, Collection<String> sandboxes,
                       ReadDecision decision, String why) {
        record(new AgentRead(clock.instant(), process, names(refs), List.copyOf(sandboxes), decision, List.of(),
                List.of(), Optional.of(why)));
    }

    /** A read that was refused before anything was resolved ({@code why}: "denied by the user", "prompt timed out"). */
    public void denied(Optional<ProcessFacts> process, Collection<SecretRef> refs, Collection<String> sandboxes,
                       String why) {
        record(new AgentRead(clock.instant(), process, names(refs), List.copyOf(sandboxes), ReadDecision.DENIED,
                List.of(), List.of(), Optional.of(why)));
    }

    private void record(AgentRead read) {
        if (log == null) {
            return;
        }
        try {
            log.append(read);
        } catch (RuntimeException e) {
            problems.accept("latchkey: the agent could not record a read in " + log.file() + " (" + e.getMessage() + ")");
        }
    }

    private static List<String> names(Collection<SecretRef> refs) {
        return refs.stream().map(SecretRef::toString).toList();
    }
}
