package dev.latchkey.core.auth;

/** The identity provider or broker could not be reached, or did not answer in time: check the network and try again. */
public final class IdpUnreachableException extends AuthException {

    private static final long serialVersionUID = 1L;

    public IdpUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    public IdpUnreachableException(String message) {
        super(message, null);
    }
}
