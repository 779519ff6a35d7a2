package dev.latchkey.broker.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * One database transaction under way: its connection, and what to do once it has committed
 * (wake the readers of an event written in it). Made and ended only by {@link Transactions#run}.
 */
public final class Transaction {

    private final Connection connection;
    private final List<Runnable> afterCommit = new ArrayList<>();

    Transaction(Connection connection) {
        this.connection = connection;
    }

    /** The connection every statement of this transaction runs on. */
    public Connection connection() {
        return connection;
    }

    /**
     * Runs {@code action} after the transaction commits, in the order given; never when it rolls
     * back. Nothing that runs here may fail the transaction: it is already durable.
     */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    List<Runnable> committed() {
        return List.copyOf(afterCommit);
    }
}
