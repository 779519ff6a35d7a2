package dev.latchkey.core.auth;

/** The keychain holding the session failed or did not answer: unlock it and try again. */
public final class SessionStorageException extends AuthException {

    private static final long serialVersionUID = 1L;

    public SessionStorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public SessionStorageException(String message) {
        super(message, null);
    }
}
