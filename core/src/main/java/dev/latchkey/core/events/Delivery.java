package dev.latchkey.core.events;

import dev.latchkey.core.internal.events.EventDecoder;
import dev.latchkey.core.internal.events.SseLines;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * What one subscription received, handed to its listener on a thread of its own, in order: events
 * decoded once each (a replay after a reconnect is dropped by id), states, and what could not be
 * read. Whichever transport fetched them, the listener sees the same.
 */
final class Delivery {

    private final EventListener listener;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r ->
            Thread.ofPlatform().daemon().name("latchkey-events-listener").unstarted(r));
    private volatile OptionalLong lastEventId;

    Delivery(OptionalLong after, EventListener listener) {
        this.lastEventId = after;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The id of the last event received, where a reconnect resumes. */
    OptionalLong lastEventId() {
        return lastEventId;
    }

    /** Moves the resume point on to {@code next} (a long poll's page end), never back. */
    void advanceTo(long next) {
        OptionalLong seen = lastEventId;
        if (seen.isEmpty() || next > seen.getAsLong()) {
            lastEventId = OptionalLong.of(next);
        }
    }

    /** Decodes one received event and delivers it, unless it was delivered before. */
    void event(SseLines.Raw raw) {
        long id;
        try {
            id = Long.parseLong(raw.id().orElse(""));
        } catch (NumberFormatException e) {
            deliver(() -> listener.onSkipped("an event without a numeric id"));
            return;
        }
        OptionalLong seen = lastEventId;
        if (seen.isPresent() && id <= seen.getAsLong()) {
            return; // already delivered before a reconnect
        }
        lastEventId = OptionalLong.of(id);
        try {
            BrokerEvent event = EventDecoder.decode(id, raw.type(), raw.data());
            deliver(() -> listener.onEvent(event));
        } catch (EventDecoder.Problem p) {
            String why = p.getMessage();
            deliver(() -> listener.onSkipped(why));
        }
    }

    void state(StreamState state) {
        deliver(() -> listener.onState(state));
    }

    /** Delivers what is queued, then nothing more. */
    void shutdown() {
        thread.shutdown();
    }

    private void deliver(Runnable r) {
        try {
            thread.execute(r);
        } catch (RejectedExecutionException closedAlready) {
            // Closed: nobody is listening any more.
        }
    }
}
