package dev.latchkey.core.auth;

/** The caller cancelled the sign-in while it waited for approval. */
public final class SignInCancelledException extends AuthException {

    private static final long serialVersionUID = 1L;

    public SignInCancelledException(String message, Throwable cause) {
        super(message, cause);
    }

    public SignInCancelledException(String message) {
        super(message, null);
    }
}
