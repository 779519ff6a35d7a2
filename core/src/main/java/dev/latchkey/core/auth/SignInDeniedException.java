package dev.latchkey.core.auth;

/** The person at the browser declined the sign-in (RFC 8628 {@code access_denied}). */
public final class SignInDeniedException extends AuthException {

    private static final long serialVersionUID = 1L;

    public SignInDeniedException(String message, Throwable cause) {
        super(message, cause);
    }

    public SignInDeniedException(String message) {
        super(message, null);
    }
}
