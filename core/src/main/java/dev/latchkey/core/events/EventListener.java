package dev.latchkey.core.events;

/**
 * Hears what an {@link EventStream} delivers. Calls arrive one at a time, in order, on the
 * stream's delivery thread (never the caller's, never the UI thread): hand them on from there.
 */
@FunctionalInterface
public interface EventListener {

    /** An event addressed to the signed-in user. */
    void onEvent(BrokerEvent event);

    /** The connection's state changed; by default ignored. */
    default void onState(StreamState state) {
    }

    /**
     * An event arrived that this client cannot read (the reason names the field, never the data);
     * it was skipped and the stream goes on. By default ignored.
     */
    default void onSkipped(String reason) {
    }
}
