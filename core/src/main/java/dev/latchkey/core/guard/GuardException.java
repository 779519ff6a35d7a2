package dev.latchkey.core.guard;

/**
 * A guard command cannot run at all (not a repository, git missing); the message says why and
 * {@link #hint()} what to do. Findings are not failures: they come in a {@link ScanReport}.
 */
public final class GuardException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String hint;

    public GuardException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** What to do about it. */
    public String hint() {
        return hint;
    }
}
