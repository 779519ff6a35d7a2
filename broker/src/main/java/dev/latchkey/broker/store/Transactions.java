package dev.latchkey.broker.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in one database transaction: all of it commits, or none. A state change, its audit
 * rows and its events are written in one, so a broker killed at any instant (or a database that
 * goes away) leaves either the whole transition or nothing of it.
 */
public final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    private Transactions() {
    }

    /** Work inside a transaction; returning false rolls back (a conditional UPDATE that lost). */
    @FunctionalInterface
    public interface Work {
        boolean run(Transaction tx) throws SQLException;
    }

    /** Work inside a transaction that reads its own answer; empty rolls back. */
    @FunctionalInterface
    public interface Answering<T> {
        Optional<T> run(Transaction tx) throws SQLException;
    }

    /**
     * Runs {@code work}, commits when it returns true, then runs what it asked to run after the commit.
     *
     * @param what what the work does, for the message of a failure ("cannot decide an access request")
     * @return what {@code work} returned: true when it committed
     * @throws StoreException when the database fails; nothing of the work is kept then
     */
    public static boolean run(Database db, String what, Work work) {
        return answer(db, what, tx -> work.run(tx) ? Optional.of(Boolean.TRUE) : Optional.empty()).isPresent();
    }

    /**
     * Runs {@code work}, commits when it returns an answer, and returns that answer. A caller answers
     * its client with what the transaction read, never with a read after the commit: a database that
     * goes away between the two would turn a committed change into an error, and the client's retry
     * into a conflict with its own change.
     *
     * @param what what the work does, for the message of a failure ("cannot decide an access request")
     * @return what {@code work} returned: present when it committed
     * @throws StoreException when the database fails; nothing of the work is kept then
     */
    public static <T> Optional<T> answer(Database db, String what, Answering<T> work) {
        Transaction tx;
        Optional<T> answer;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            tx = new Transaction(c);
            try {
                answer = work.run(tx);
                if (answer.isEmpty()) {
                    c.rollback();
                    return answer;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                resetQuietly(c);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
        for (Runnable action : tx.committed()) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("after {}: {}", what, e.getMessage());
            }
        }
        return answer;
    }

    /**
     * Rolls back after {@code cause}. On a connection the database cut the rollback fails too; that
     * failure is kept as suppressed, so {@code cause} (which says the database is unreachable, for
     * one) stays the failure that is reported.
     */
    public static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void resetQuietly(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("could not reset auto-commit on a failed connection: {}", e.getMessage());
        }
    }
}
