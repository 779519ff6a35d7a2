package dev.latchkey.core.agent;

import java.io.Serial;

/**
 * The agent did not answer a call usefully: it was late, went away, or refused with a typed error
 * that is not the broker's. Callers then work alone (and say so once).
 */
public final class AgentCallException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final AgentError error;

    public AgentCallException(AgentError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    /** The typed error; {@link AgentError#TIMEOUT} when the agent did not answer in time. */
    public AgentError error() {
        return error;
    }
}
