package dev.latchkey.broker;

import dev.latchkey.broker.store.Database;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Says in words that an embedded H2 database is held by another process, instead of H2's own
 * "Database may be already in use ... [90020-252]".
 */
final class DatabaseInUse {

    /** H2's error code for a database file another process has open. */
    private static final int H2_ALREADY_OPEN = 90020;

    private DatabaseInUse() {
    }

    /** Whether {@code failure} is H2 refusing a file another process has open. */
    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    /** The explanation for {@code failure} when it is that, for someone who wanted {@code doing}. */
    static Optional<String> explain(Throwable failure, String jdbcUrl, String doing) {
        if (!is(failure)) {
            return Optional.empty();
        }
        return Optional.of("the database " + Database.redact(jdbcUrl) + " is in use by another process, most likely a "
                + "running broker: an H2 file database serves one process at a time. " + doing);
    }
}
