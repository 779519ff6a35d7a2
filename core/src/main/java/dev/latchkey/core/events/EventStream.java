package dev.latchkey.core.events;

import dev.latchkey.core.brokerapi.AccessDeniedException;
import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.BrokerUrl;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.diagnostics.FailureText;
import dev.latchkey.core.internal.events.EventDecoder;
import dev.latchkey.core.internal.events.EventStreams;
import dev.latchkey.core.internal.events.LongPollPage;
import dev.latchkey.core.internal.events.SseLines;
import dev.latchkey.core.internal.http.SharedHttpClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

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
        this.http = SharedHttpClient.newBuilder()
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

        private final EventListener listener;
        private final Thread reader;
        private final ExecutorService delivery = Executors.newSingleThreadExecutor(r ->
                Thread.ofPlatform().daemon().name("latchkey-events-listener").unstarted(r));
        private final CountDownLatch closed = new CountDownLatch(1);
        private final AtomicReference<Call> current = new AtomicReference<>();
        private volatile OptionalLong lastEventId;
        private volatile boolean longPoll = transport == Transport.LONG_POLL;

        private Subscription(OptionalLong after, EventListener listener) {
            this.lastEventId = after;
            this.listener = Objects.requireNonNull(listener, "listener");
            this.reader = Thread.ofPlatform().daemon().name("latchkey-events").unstarted(this::follow);
        }

        /** The id of the last event received (what a later subscription could resume after). */
        public OptionalLong lastEventId() {
            return lastEventId;
        }

        /** Whether the stream still runs (not closed, not stopped). */
        public boolean isOpen() {
            return reader.isAlive() && closed.getCount() > 0;
        }

        /** Stops reading and delivering; returns once the reader has ended (at most a few seconds). */
        @Override
        public void close() {
            closed.countDown();
            Call c = current.get();
            if (c != null) {
                c.cancel();
            }
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
                    attempt = attempt();
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
                        deliverState(new StreamState.Stopped(stop.reason()));
                        closed.countDown();
                        delivery.shutdown();
                        return;
                    }
                    case Attempt.Unauthorized u -> {
                        if (unauthorizedOnce) {
                            deliverState(new StreamState.Stopped(u.reason()));
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
                        deliverState(new StreamState.Reconnecting(d.reason(), wait));
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

        /** One connection, read until it ends. */
        private Attempt attempt() {
            String bearer;
            try {
                bearer = token.get();
            } catch (NotSignedInException e) {
                return noToken(e, false);
            }
            if (longPoll) {
                return polls();
            }
            HttpUrl url = HttpUrl.get(base + "/v1/events");
            Request.Builder req = new Request.Builder().url(url).get()
                    .header("Accept", "text/event-stream")
                    .header("Cache-Control", "no-cache")
                    .header("Authorization", "Bearer " + bearer);
            OptionalLong resumeAfter = lastEventId;
            resumeAfter.ifPresent(id -> req.header("Last-Event-ID", Long.toString(id)));
            Call call = http.newCall(req.build());
            current.set(call);
            if (isClosed()) {
                call.cancel();
            }
            SseLines sse = new SseLines();
            boolean connected = false;
            try (Response response = call.execute()) {
                Optional<Attempt> refused = refused(response.code());
                if (refused.isPresent()) {
                    return refused.get();
                }
                String type = response.header("Content-Type", "");
                if (!type.startsWith("text/event-stream")) {
                    // Something in between (a proxy) does not pass the stream on; the long-poll form needs none.
                    longPoll = true;
                    return new Attempt.Dropped(false, "the broker at " + base + " answered the event stream with "
                            + (type.isEmpty() ? "no content type" : type.replaceAll("[^A-Za-z0-9/;=. -]", "?"))
                            + "; switching to long polling", Optional.empty());
                }
                connected = true;
                deliverState(new StreamState.Connected(resumeAfter));
                BufferedReader in = new BufferedReader(new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null && !isClosed()) {
                    Optional<SseLines.Raw> raw = sse.line(line);
                    if (raw.isPresent()) {
                        handle(raw.get());
                    }
                }
                return new Attempt.Dropped(true, "the broker at " + base + " closed the event stream", sse.retry());
            } catch (IOException e) {
                return new Attempt.Dropped(connected, "lost the event stream from " + base + " ("
                        + FailureText.describeConnection(e) + ")", sse.retry());
            } finally {
                current.set(null);
            }
        }

        /** An IdP or keychain that did not answer is retried like a dropped stream; an ended session stops it. */
        private Attempt noToken(NotSignedInException e, boolean connected) {
            if (e.transientCause()) {
                return new Attempt.Dropped(connected, e.getMessage(), Optional.empty());
            }
            return new Attempt.Stop(e);
        }

        /** What a status other than 200 means for the stream, or empty for 200. */
        private Optional<Attempt> refused(int code) {
            if (code == 401) {
                return Optional.of(new Attempt.Unauthorized(new NotSignedInException(
                        "the broker at " + base + " no longer accepts your sign-in for its event stream")));
            }
            if (code == 403 || code == 404) {
                return Optional.of(new Attempt.Stop(new AccessDeniedException(
                        "the broker at " + base + " refuses its event stream (HTTP " + code + ")")));
            }
            if (code != 200) {
                return Optional.of(new Attempt.Dropped(false, "the broker at " + base + " answered the event stream with HTTP "
                        + code, Optional.empty()));
            }
            return Optional.empty();
        }

        /** Long polls, one after another, until one fails or the subscription closes. */
        private Attempt polls() {
            OptionalLong resumeAfter = lastEventId;
            boolean connected = false;
            while (!isClosed()) {
                String bearer;
                try {
                    bearer = token.get();
                } catch (NotSignedInException e) {
                    return noToken(e, connected);
                }
                // The first poll of a connection returns at once: it says the connection works and where
                // the journal stands, so nothing published while the next poll is on its way is missed.
                HttpUrl.Builder url = HttpUrl.get(base + "/v1/events").newBuilder()
                        .addQueryParameter("wait", connected ? Long.toString(LONG_POLL_WAIT.toSeconds()) : "0");
                lastEventId.ifPresent(id -> url.addQueryParameter("after", Long.toString(id)));
                Call call = http.newCall(new Request.Builder().url(url.build()).get()
                        .header("Accept", "application/json")
                        .header("Authorization", "Bearer " + bearer).build());
                current.set(call);
                if (isClosed()) {
                    call.cancel();
                }
                try (Response response = call.execute()) {
                    Optional<Attempt> refused = refused(response.code());
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                    LongPollPage.Page page = LongPollPage.read(response.body().string());
                    if (!connected) {
                        connected = true;
                        deliverState(new StreamState.Connected(resumeAfter));
                    }
                    page.events().forEach(this::handle);
                    page.next().ifPresent(next -> {
                        if (lastEventId.isEmpty() || next > lastEventId.getAsLong()) {
                            lastEventId = OptionalLong.of(next);
                        }
                    });
                } catch (LongPollPage.Unreadable e) {
                    return new Attempt.Dropped(connected, "the broker at " + base + " answered a long poll with "
                            + e.getMessage(), Optional.empty());
                } catch (IOException e) {
                    return new Attempt.Dropped(connected, "lost the event long poll to " + base + " ("
                            + FailureText.describeConnection(e) + ")", Optional.empty());
                } finally {
                    current.set(null);
                }
            }
            return new Attempt.Dropped(connected, "closed", Optional.empty());
        }

        private void handle(SseLines.Raw raw) {
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

        private void deliverState(StreamState state) {
            deliver(() -> listener.onState(state));
        }

        private void deliver(Runnable r) {
            try {
                delivery.execute(r);
            } catch (RejectedExecutionException closedAlready) {
                // Closed: nobody is listening any more.
            }
        }
    }

    /** How one connection ended. */
    private sealed interface Attempt {
        record Dropped(boolean connected, String reason, Optional<Duration> retry) implements Attempt {
        }

        record Unauthorized(BrokerException reason) implements Attempt {
        }

        record Stop(BrokerException reason) implements Attempt {
        }
    }
}
