package dev.latchkey.core.brokerapi;

/**
 * The call does not fit the current state (HTTP 409), such as approving a request that was
 * already decided. The message is the broker's and says what the state is.
 */
public final class ConflictException extends BrokerException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message, null);
    }
}
