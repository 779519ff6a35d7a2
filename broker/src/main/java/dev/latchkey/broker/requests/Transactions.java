package dev.latchkey.broker.requests;

import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one database transaction: all of it commits, or none. */
final class Transactions {

    private Transactions() {
    }

    /** Work on a connection; returning false rolls back (a conditional UPDATE that lost). */
    @FunctionalInterface
    interface Work {
        boolean run(Connection c) throws SQLException;
    }

    /** @return what {@code work} returned: true when it committed */
    static boolean run(Database db, String what, Work work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                boolean done = work.run(c);
                if (done) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return done;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
