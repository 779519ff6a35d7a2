package dev.latchkey.core.events;

import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.brokerapi.BrokerUrl;
import dev.latchkey.core.diagnostics.FailureText;
import dev.latchkey.core.internal.events.EventStreams;
import dev.latchkey.core.internal.http.SharedHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * The broker's event stream ({@code GET /v1/events}, server-sent events), followed for as long
 * as the subscription is open.
 *
 * <p>The broker sends a keep-alive comment every 10 s, so a connection silent for
 * {@link #READ_TIMEOUT} is dead and is replaced. After any drop the stream reconnects with
 * {@code Last-Event-ID}, so the broker replays what was missed; reconnects back off from
 * {@code firstRetry} to {@link #MAX_RETRY}, and start again from {@code firstRetry} after a good
 * connection. A 401 is retried once with a fresh token (the session refreshes); a second 401, a
 * 403 or a 404 stops the stream with {@link StreamState.Stopped}.
 *
 * <p>Where the stream cannot pass (a proxy answers with something else) it switches to the
 * long-poll form, {@code ?wait=25&after=N}, which delivers the same events (the package's tests ask
 * for it from the start).
 *
 * <p>Each subscription reads on its own thread and calls its listener on another, in order.
 * {@link Subscription#close()} stops both promptly.
 *
 * <p>Get one from {@code Latchkey.events(client)}: it follows the client's broker with the client's token.
 */
public final class EventStream {

    static {
        EventStreams.register(client -> new EventStream(client.base(), client.bearerToken()));
    }

    /** Four of the broker's 10 s keep-alives and more, so only a dead connection times out. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(45);
    /** The longest wait between reconnects. */
    public static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /** The first wait after a drop. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /** How events are fetched. */
    enum Transport {
        /** Server-sent events on one long-lived connection (falls back to long polling when a proxy spoils it). */
        STREAM,
        /** Repeated {@code ?wait=} requests, for networks that cannot carry a stream. */
        LONG_POLL
    }

    /** How long one long poll asks the broker to wait for the first event (well inside {@link #READ_TIMEOUT}). */
    public static final Duration LONG_POLL_WAIT = Duration.ofSeconds(25);

    private final URI base;
    private final BearerToken token;
    private final Duration firstRetry;
    private final Transport transport;
    private final OkHttpClient http;

    /** A stream from the broker at {@code base}, reconnecting after {@link #FIRST_RETRY} at first. */
    EventStream(URI base, BearerToken token) {
        this(base, token, FIRST_RETRY);
    }

    /**
     * A stream whose first reconnect waits {@code firstRetry} (tests use a few milliseconds).
     *
     * @throws IllegalArgumentException when the URL is not https and not loopback
     */
    EventStream(URI base, BearerToken token, Duration firstRetry) {
        this(base, token, firstRetry, Transport.STREAM);
    }

    /**
     * A stream fetched by {@code transport}.
     *
     * @throws IllegalArgumentException when the URL is not https and not loopback
     */
    EventStream(URI base, BearerToken token, Duration firstRetry, Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.base = BrokerUrl.check(base.toString());
        this.token = Objects.requireNonNull(token, "token");
        this.firstRetry = Objects.requireNonNull(firstRetry, "firstRetry");
        this.http = SharedHttpClient.newBuilder(this.base)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(READ_TIMEOUT)
                .callTimeout(Duration.ZERO) // a stream has no end; the read timeout catches a dead one
                .followRedirects(false)
                .build();
    }

    /**
     * Starts following the stream.
     *
     * @param after resume after this event id (replayed events first); empty for new events only
     * @param listener called on the stream's delivery thread
     */
    public Subscription subscribe(OptionalLong after, EventListener listener) {
        Subscription s = new Subscription(after, listener);
        s.reader.start();
        return s;
    }

    /** One open stream. Close it when done; closing twice is harmless. */
    public final class Subscription implements AutoCloseable {

        private final Delivery delivery;
        private final Thread reader;
        private final CountDownLatch closed = new CountDownLatch(1);
        private final EventFetch fetch;

        private Subscription(OptionalLong after, EventListener listener) {
            this.delivery = new Delivery(after, listener);
            this.fetch = new EventFetch(http, base, token, delivery, closed, transport == Transport.LONG_POLL);
            this.reader = Thread.ofPlatform().daemon().name("latchkey-events").unstarted(this::follow);
        }

        /** The id of the last event received (what a later subscription could resume after). */
        public OptionalLong lastEventId() {
            return delivery.lastEventId();
        }

        /** Whether the stream still runs (not closed, not stopped). */
        public boolean isOpen() {
            return reader.isAlive() && closed.getCount() > 0;
        }

        /** Stops reading and delivering; returns once the reader has ended (at most a few seconds). */
        @Override
        public void close() {
            closed.countDown();
            fetch.cancel();
            reader.interrupt();
            try {
                reader.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivery.shutdown();
        }

        private boolean isClosed() {
            return closed.getCount() == 0;
        }

        private void follow() {
            Duration wait = firstRetry;
            boolean unauthorizedOnce = false;
            while (!isClosed()) {
                Attempt attempt;
                try {
                    attempt = fetch.attempt();
                } catch (RuntimeException e) {
                    // Reading the sign-in (the keychain) or the stream failed in a way no call
                    // declares: closing interrupted it, or it is worth another try.
                    if (isClosed()) {
                        return;
                    }
                    attempt = new Attempt.Dropped(false, "the event stream from " + base + " failed ("
                            + FailureText.describeConnection(e) + ")", Optional.empty());
                }
                switch (attempt) {
                    case Attempt.Stop stop -> {
                        delivery.state(new StreamState.Stopped(stop.reason()));
                        closed.countDown();
                        delivery.shutdown();
                        return;
                    }
                    case Attempt.Unauthorized u -> {
                        if (unauthorizedOnce) {
                            delivery.state(new StreamState.Stopped(u.reason()));
                            closed.countDown();
                            delivery.shutdown();
                            return;
                        }
                        unauthorizedOnce = true;
                    }
                    case Attempt.Dropped d -> {
                        if (d.connected()) {
                            wait = d.retry().orElse(firstRetry);
                            unauthorizedOnce = false;
                        }
                        if (isClosed()) {
                            return;
                        }
                        delivery.state(new StreamState.Reconnecting(d.reason(), wait));
                        try {
                            if (closed.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                                return;
                            }
                        } catch (InterruptedException e) {
                            return;
                        }
                        wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
                    }
                }
            }
        }
    }
}
