package dev.latchkey.core.brokerapi;

import dev.latchkey.core.auth.IdpUnreachableException;
import dev.latchkey.core.auth.SessionStorageException;

/** There is no session, or the broker no longer accepts it (HTTP 401): sign in again. */
public final class NotSignedInException extends BrokerException {

    private static final long serialVersionUID = 1L;

    public NotSignedInException(String message) {
        super(message, null);
    }

    /**
     * The session could not give a token for {@code cause}'s reason: the IdP did not answer, the
     * keychain is locked, or the IdP ended the session. The cause says which, so callers can tell
     * "sign in again" from "try again when the network or keychain is back".
     */
    public NotSignedInException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether signing in again would not help yet: the IdP or the keychain did not answer. */
    public boolean transientCause() {
        return getCause() instanceof IdpUnreachableException
                || getCause() instanceof SessionStorageException;
    }
}
