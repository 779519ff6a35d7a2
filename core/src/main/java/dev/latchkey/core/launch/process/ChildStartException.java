package dev.latchkey.core.launch.process;

/** The child could not be started (program not found, folder missing, no PTY). Names, never values. */
public final class ChildStartException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChildStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
