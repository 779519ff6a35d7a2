package dev.latchkey.broker.store;

/** The database failed: unreachable, or a statement failed. Messages never hold values. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
