package dev.latchkey.core.brokerapi;

/** There is no session, or the broker no longer accepts it (HTTP 401): sign in again. */
public final class NotSignedInException extends BrokerException {

    private static final long serialVersionUID = 1L;

    public NotSignedInException(String message) {
        super(message, null);
    }
}
