package dev.latchkey.app.demo;

/**
 * Why the demo broker did not start, in words for the person using the app (it completes "The
 * demo broker did not start: ..."). Never holds a value or token: the broker's output has none.
 */
public final class DemoBrokerException extends Exception {

    private static final long serialVersionUID = 1L;

    public DemoBrokerException(String message) {
        super(message);
    }

    public DemoBrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
