package dev.latchkey.core.agent;

import dev.latchkey.core.launch.Resolution;
import java.util.List;
import java.util.Optional;

/** What the agent answered to a resolve: a {@link Resolution}, or "ask the user first". */
public sealed interface AgentResolve {

    /**
     * The launch's resolution.
     *
     * @param allowance given after "Allow for this launch": send it with the launch's later resolves
     */
    record Done(Resolution resolution, Optional<String> allowance) implements AgentResolve {
    }

    /**
     * Scopes of the launch ask for confirmation and nobody was asked yet.
     *
     * @param inApp true when the desktop app asks (resolve again with {@code ask} and wait); false when
     *     the caller must ask in its terminal (then resolve again with {@code terminal})
     * @param scopes the scopes that ask
     */
    record ApprovalNeeded(boolean inApp, List<String> scopes) implements AgentResolve {
        public ApprovalNeeded {
            scopes = List.copyOf(scopes);
        }
    }
}
