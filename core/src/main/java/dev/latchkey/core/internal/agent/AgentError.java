package dev.latchkey.core.internal.agent;

/**
 * The typed errors of Latchkey's local channels (the agent socket and a launch's refresh
 * endpoint). Each is sent as {@code {"error":{"type":"...","message":"..."}}} with its HTTP status;
 * the type is what a program matches on, the message what a person reads. No message names a
 * value or a token.
 */
public enum AgentError {
    /** The request is not HTTP/1.1 as this protocol speaks it, or its JSON does not fit the message. */
    BAD_REQUEST("bad_request", 400),
    /** The request line, headers or body exceed their bounds. */
    TOO_LARGE("too_large", 413),
    /** Parts arrived out of order: a header after the body, a second request on one connection, a body without a length. */
    OUT_OF_ORDER("out_of_order", 400),
    /** The path names a protocol version this agent does not speak. */
    UNSUPPORTED_VERSION("unsupported_version", 400),
    /** No such call. */
    NOT_FOUND("not_found", 404),
    /** The call exists, not with this method. */
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    /** The client sent too slowly; the connection is closed. */
    TIMEOUT("timeout", 408),
    /** A launch endpoint's bearer token is missing, wrong, or its launch has ended. */
    UNAUTHORIZED("unauthorized", 401),
    /** The peer is another user, or a process outside the launch's tree. */
    FORBIDDEN("forbidden", 403),
    /** The agent's session has ended; sign in again. */
    NOT_SIGNED_IN("not_signed_in", 401),
    /** The request names another broker than the agent's. */
    WRONG_BROKER("wrong_broker", 409),
    /** The broker refused or could not be reached; the message says which. */
    BROKER("broker", 502),
    /** Anything else: the agent stays up and says so. */
    INTERNAL("internal", 500);

    private final String type;
    private final int status;

    AgentError(String type, int status) {
        this.type = type;
        this.status = status;
    }

    /** The wire name, such as {@code too_large}. */
    public String type() {
        return type;
    }

    /** The HTTP status sent with it. */
    public int status() {
        return status;
    }

    /** The error for a wire name; {@link #INTERNAL} for one this version does not know. */
    public static AgentError ofType(String type) {
        for (AgentError e : values()) {
            if (e.type.equals(type)) {
                return e;
            }
        }
        return INTERNAL;
    }
}
