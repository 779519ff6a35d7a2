package dev.latchkey.core.brokerapi;

/**
 * A broker call that did not give an answer the caller can use. Each subclass is one thing a
 * person can act on; messages name URLs, scopes and references, never values or tokens.
 */
public abstract sealed class BrokerException extends Exception
        permits BrokerUnreachableException, NotSignedInException, AccessDeniedException, BrokerProtocolException,
        InvalidRequestException, ConflictException {

    private static final long serialVersionUID = 1L;

    protected BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
