package dev.latchkey.core.auth;

/** There is no session, or the IdP ended it (refresh refused with {@code invalid_grant}): sign in again. */
public final class SignInRequiredException extends AuthException {

    private static final long serialVersionUID = 1L;

    public SignInRequiredException(String message, Throwable cause) {
        super(message, cause);
    }

    public SignInRequiredException(String message) {
        super(message, null);
    }
}
