package dev.latchkey.core.keychain;

/**
 * The keychain refused, failed or did not answer in time. The message names the entry's
 * service and account and what to try; it never holds a stored value.
 */
public class KeychainException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public KeychainException(String message, Throwable cause) {
        this(message, message, cause);
    }

    /**
     * @param reason what went wrong in a few plain words, such as "the keychain did not answer
     *     within 3 s"; no full stop
     * @param message the reason with what Latchkey was doing and what to try
     */
    public KeychainException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** What went wrong in a few plain words, without what Latchkey was doing (for a status line). */
    public String reason() {
        return reason;
    }
}
