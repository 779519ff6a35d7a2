package dev.latchkey.core.auth;

/**
 * Signing in or keeping a session did not work. Each subclass is one thing a person can act
 * on; messages name URLs and what went wrong, never a token, code or secret.
 */
public abstract sealed class AuthException extends Exception
        permits IdpUnreachableException, IdpProtocolException, IdpRefusedException, InsecureUrlException, SignInDeniedException,
        SignInExpiredException, SignInCancelledException, SignInRequiredException, SessionStorageException {

    private static final long serialVersionUID = 1L;

    protected AuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
