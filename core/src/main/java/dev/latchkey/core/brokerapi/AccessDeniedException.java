package dev.latchkey.core.brokerapi;

/** The broker understood and said no (HTTP 403 or 404 on a scope the caller may not see). */
public final class AccessDeniedException extends BrokerException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message, null);
    }
}
