package dev.latchkey.core.agent;

import java.io.Serial;

/** Another agent already answers on the socket an agent was asked to serve. */
public final class AgentBusyException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public AgentBusyException(String message) {
        super(message);
    }
}
