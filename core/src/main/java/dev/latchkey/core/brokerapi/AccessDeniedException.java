package dev.latchkey.core.brokerapi;

/**
 * The broker understood and said no: HTTP 403 (not allowed: not a reviewer, one's own request, no
 * access to the scope) or 404 (no such request, grant, sandbox or scope that the caller may see).
 */
public final class AccessDeniedException extends BrokerException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message, null);
    }
}
