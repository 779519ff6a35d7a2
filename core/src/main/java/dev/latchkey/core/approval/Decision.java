package dev.latchkey.core.approval;

/** What the user answered to an {@link ApprovalRequest}, or why nobody did. */
public enum Decision {
    /** This read, and nothing after it. */
    ALLOW_ONCE,
    /** This read and every later one of the same launch (its restarts), for the same scopes. */
    ALLOW_FOR_LAUNCH,
    /** Refused: nothing is read, nothing starts. */
    DENY,
    /** Nobody answered within {@link ApprovalRequest#timeout()}. */
    TIMED_OUT,
    /** There was nobody to ask: no app to show a prompt, no terminal to ask in. */
    NO_ONE_TO_ASK;

    /** Whether the read may go ahead. */
    public boolean allows() {
        return this == ALLOW_ONCE || this == ALLOW_FOR_LAUNCH;
    }
}
