package dev.latchkey.core.auth;

/** The sign-in code expired before anyone approved it (RFC 8628 {@code expired_token}): start again. */
public final class SignInExpiredException extends AuthException {

    private static final long serialVersionUID = 1L;

    public SignInExpiredException(String message, Throwable cause) {
        super(message, cause);
    }

    public SignInExpiredException(String message) {
        super(message, null);
    }
}
