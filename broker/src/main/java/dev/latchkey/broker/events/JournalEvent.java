package dev.latchkey.broker.events;

import java.time.Instant;

/**
 * One event as the journal keeps it.
 *
 * @param id its place in the journal: global, increasing, the SSE {@code id:}
 * @param at when it was recorded
 * @param type one of {@link EventTypes}, such as {@code request.decided}
 * @param data its fields as one line of JSON text (names, ids and instants only)
 */
public record JournalEvent(long id, Instant at, String type, String data) {
}
