package dev.latchkey.cli.access;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.brokerapi.AccessDeniedException;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.events.BrokerEvent;
import dev.latchkey.core.events.EventListener;
import dev.latchkey.core.events.EventStream;
import dev.latchkey.core.events.StreamState;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Waits until a request is decided, by following the broker's event stream. The request itself
 * is the truth: it is re-read once the stream is connected (a decision may have come before)
 * and whenever a decision for it arrives. A broker without an event stream is polled instead.
 */
final class DecisionWait {

    /** How often a broker without an event stream is asked. */
    static final Duration POLL = Duration.ofSeconds(2);

    /** How often the request is read again while the stream is followed, in case an event went missing. */
    static final Duration SAFETY_POLL = Duration.ofSeconds(30);

    private sealed interface Signal {
        record Check() implements Signal {
        }

        record Failed(BrokerException reason) implements Signal {
        }

        record Poll() implements Signal {
        }
    }

    private DecisionWait() {
    }

    /**
     * The decided request, or empty when {@code timeout} passed first.
     *
     * @param notices one line at a time for stderr (connection trouble, the switch to polling)
     */
    static Optional<AccessRequest> await(BrokerClient client, String requestId, Duration timeout, Consumer<String> notices)
            throws BrokerException, InterruptedException {
        BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
        EventListener listener = new EventListener() {
            private boolean toldReconnecting;

            @Override
            public void onEvent(BrokerEvent event) {
                if (event instanceof BrokerEvent.RequestDecided d && d.requestId().equals(requestId)) {
                    signals.add(new Signal.Check());
                }
            }

            @Override
            public void onState(StreamState state) {
                switch (state) {
                    case StreamState.Connected c -> {
                        toldReconnecting = false;
                        signals.add(new Signal.Check());
                    }
                    case StreamState.Reconnecting r -> {
                        if (!toldReconnecting) {
                            notices.accept("latchkey: " + r.reason() + "; trying again");
                            toldReconnecting = true;
                        }
                    }
                    case StreamState.Stopped s -> signals.add(s.reason() instanceof AccessDeniedException
                            ? new Signal.Poll() : new Signal.Failed(s.reason()));
                }
            }
        };
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean polling = false;
        EventStream.Subscription subscription = Latchkey.events(client)
                .subscribe(OptionalLong.empty(), listener);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                // Even with a stream, ask now and then: a stream stuck reconnecting must not hide a decision.
                Signal s = signals.poll(Math.min(left, (polling ? POLL : SAFETY_POLL).toNanos()), TimeUnit.NANOSECONDS);
                if (s instanceof Signal.Failed f) {
                    throw f.reason();
                }
                if (s instanceof Signal.Poll && !polling) {
                    notices.accept("latchkey: the broker offers no event stream; asking every " + POLL.toSeconds() + " s");
                    polling = true;
                }
                if (s != null || polling || System.nanoTime() < deadline) {
                    AccessRequest r = client.accessRequest(requestId);
                    if (r.state().decided()) {
                        return Optional.of(r);
                    }
                }
            }
        } finally {
            subscription.close();
        }
    }
}
