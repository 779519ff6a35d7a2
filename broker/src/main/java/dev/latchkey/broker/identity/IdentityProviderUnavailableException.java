package dev.latchkey.broker.identity;

/** The issuer's discovery document or key set cannot be fetched, so no token can be checked now. */
public final class IdentityProviderUnavailableException extends RuntimeException {

    public IdentityProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
