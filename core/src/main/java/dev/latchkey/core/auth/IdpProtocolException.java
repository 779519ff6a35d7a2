package dev.latchkey.core.auth;

/**
 * The identity provider or broker answered with something Latchkey cannot use (an error page,
 * malformed JSON, a missing field): the message says which URL and what.
 */
public final class IdpProtocolException extends AuthException {

    private static final long serialVersionUID = 1L;

    public IdpProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    public IdpProtocolException(String message) {
        super(message, null);
    }
}
