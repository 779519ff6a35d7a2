package dev.latchkey.broker.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** The database failed: unreachable, or a statement failed. Messages never hold values. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the database was out of reach rather than the statement wrong: no connection within
     * the pool's timeout, a connection cut (SQLSTATE class 08), or the server shutting down or
     * starting up (class 57P). Such a call may well succeed when tried again shortly.
     */
    public boolean unavailable() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
