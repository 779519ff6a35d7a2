package dev.latchkey.core.auth;

/** A URL that is not https and not on this machine (security invariant 5): ask whoever runs the broker to serve it over TLS. */
public final class InsecureUrlException extends AuthException {

    private static final long serialVersionUID = 1L;

    public InsecureUrlException(String message, Throwable cause) {
        super(message, cause);
    }

    public InsecureUrlException(String message) {
        super(message, null);
    }
}
