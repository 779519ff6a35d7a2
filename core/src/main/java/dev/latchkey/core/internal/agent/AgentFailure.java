package dev.latchkey.core.internal.agent;

import java.io.Serial;

/** A request a local channel refuses, with its typed error; the message names no value or token. */
public final class AgentFailure extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final AgentError error;
    private final String kind;

    public AgentFailure(AgentError error, String message) {
        this(error, message, null);
    }

    /**
     * @param kind a finer word for {@link AgentError#BROKER} ({@code access_denied}, {@code unreachable},
     *     {@code protocol}); null otherwise
     */
    public AgentFailure(AgentError error, String message, String kind) {
        super(message);
        this.error = error;
        this.kind = kind;
    }

    /** The finer kind, or null. */
    public String kind() {
        return kind;
    }

    /** Which typed error. */
    public AgentError error() {
        return error;
    }
}
