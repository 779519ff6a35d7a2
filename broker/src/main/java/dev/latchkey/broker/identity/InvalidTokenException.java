package dev.latchkey.broker.identity;

/**
 * A bearer token the broker does not accept. The message says why, for the
 * {@code WWW-Authenticate} header; it never contains the token.
 */
public final class InvalidTokenException extends Exception {

    public InvalidTokenException(String message) {
        super(message);
    }
}
