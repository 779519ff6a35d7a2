package dev.latchkey.core.internal.guard;

/** The fingerprint file cannot be used; the message says why, the hint what to do. */
public final class GuardFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String hint;

    GuardFileException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    String hint() {
        return hint;
    }
}
