package dev.latchkey.core.keychain;

/**
 * The keychain refused, failed or did not answer in time. The message names the entry's
 * service and account and what to try; it never holds a stored value.
 */
public final class KeychainException extends Exception {

    private static final long serialVersionUID = 1L;

    public KeychainException(String message, Throwable cause) {
        super(message, cause);
    }
}
