package dev.latchkey.core.brokerapi;

/** The broker did not answer (refused, timed out, name not found, 5xx). */
public final class BrokerUnreachableException extends BrokerException {

    private static final long serialVersionUID = 1L;

    public BrokerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
