package dev.latchkey.broker.events;

import dev.latchkey.broker.store.Transaction;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * Where the broker records what a client should hear about: request decisions and the life of
 * grants. Each event is kept with an increasing id so a client that reconnects with
 * {@code Last-Event-ID} gets everything it missed; delivery (SSE, long poll) reads from here.
 */
public interface EventJournal {

    /**
     * Records an event for {@code audience}.
     *
     * @param type one of the documented types, such as {@code request.decided}
     * @param data the event's JSON fields (names, ids and instants; never a value or a token)
     */
    void publish(Audience audience, String type, Map<String, Object> data);

    /**
     * Records an event as part of {@code tx}, the transaction that makes the change it tells of:
     * the event exists exactly when the change does. Readers hear of it once {@code tx} commits.
     * A journal outside the database (a test's) is given the event after the commit.
     */
    default void publish(Transaction tx, Audience audience, String type, Map<String, Object> data)
            throws SQLException {
        tx.afterCommit(() -> publish(audience, type, data));
    }

    /** Who an event is for. */
    sealed interface Audience {

        /** One user, by the subject ({@code sub}) of their IdP tokens. */
        record Subject(String subject) implements Audience {
        }

        /**
         * Members of any of {@code groups} (a scope's reviewers), except the user whose subject is
         * {@code except} (the requester, who may be a reviewer too); {@code except} may be null.
         */
        record Groups(Set<String> groups, String except) implements Audience {
            public Groups {
                groups = Set.copyOf(groups);
            }
        }
    }

    /** A journal that keeps nothing, for parts of the broker built without delivery. */
    EventJournal NONE = (audience, type, data) -> {
    };
}
