package dev.latchkey.core.brokerapi;

/** The broker answered with something this client does not understand (a bug on one side). */
public final class BrokerProtocolException extends BrokerException {

    private static final long serialVersionUID = 1L;

    public BrokerProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
