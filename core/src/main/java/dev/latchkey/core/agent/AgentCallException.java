package dev.latchkey.core.agent;

import dev.latchkey.core.internal.agent.AgentError;
import java.io.Serial;

/**
 * The agent did not answer a call usefully: it was late, went away, or refused with a typed error
 * that is not the broker's. Callers then work alone (and say so once).
 */
public final class AgentCallException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final AgentError error;

    AgentCallException(AgentError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    /** The typed error; {@link AgentError#TIMEOUT} when the agent did not answer in time. */
    AgentError error() {
        return error;
    }
}
