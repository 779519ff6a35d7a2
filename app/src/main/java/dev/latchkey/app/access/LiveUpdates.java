package dev.latchkey.app.access;

import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.events.BrokerEvent;
import dev.latchkey.core.events.EventListener;
import dev.latchkey.core.events.EventStream;
import dev.latchkey.core.events.StreamState;
import java.util.OptionalLong;

/**
 * The broker's event stream (server-sent events, core's {@link EventStream}) turned into calls on
 * the UI thread: decisions, new requests to review, grants starting, ending and revoked. This is
 * how the app learns of decisions at once, without asking every few seconds.
 */
public final class LiveUpdates implements AutoCloseable {

    /** What the app does with each kind of news; all called on the UI thread. */
    public interface Reactions {
        /** A request of this user's was decided. */
        void decided(BrokerEvent.RequestDecided event);

        /** Someone asked for access this user may decide. */
        void created(BrokerEvent.RequestCreated event);

        /** One of this user's grants started, ended or was revoked. */
        void grantChanged(BrokerEvent event);

        /** The stream is (again) connected: lists may have missed something, so read them again. */
        void connected();

        /** The connection dropped; the stream retries by itself. {@code why} names no token. */
        void reconnecting(String why);

        /** The stream gave up (the sign-in is no longer accepted, or the broker refuses it). */
        void stopped(String why);
    }

    private final EventStream.Subscription subscription;

    private LiveUpdates(EventStream.Subscription subscription) {
        this.subscription = subscription;
    }

    /** Subscribes; returns at once, events follow on core's delivery thread and are handed to the UI thread. */
    public static LiveUpdates start(EventStream stream, TaskRunner tasks, Reactions reactions) {
        EventListener listener = new EventListener() {
            @Override
            public void onEvent(BrokerEvent event) {
                tasks.onUi(() -> {
                    switch (event) {
                        case BrokerEvent.RequestDecided d -> reactions.decided(d);
                        case BrokerEvent.RequestCreated c -> reactions.created(c);
                        case BrokerEvent.GrantStarting g -> reactions.grantChanged(g);
                        case BrokerEvent.GrantEnded g -> reactions.grantChanged(g);
                        case BrokerEvent.GrantRevoked g -> reactions.grantChanged(g);
                        case BrokerEvent.GrantEndingSoon g -> { } // the app's own expiry clock warns at its lead times
                        case BrokerEvent.Other o -> { } // a newer broker's news this app cannot use yet
                    }
                });
            }

            @Override
            public void onState(StreamState state) {
                tasks.onUi(() -> {
                    switch (state) {
                        case StreamState.Connected c -> reactions.connected();
                        case StreamState.Reconnecting r -> reactions.reconnecting(r.reason());
                        case StreamState.Stopped s -> reactions.stopped(s.reason().getMessage());
                    }
                });
            }
        };
        return new LiveUpdates(stream.subscribe(OptionalLong.empty(), listener));
    }

    @Override
    public void close() {
        subscription.close();
    }
}
