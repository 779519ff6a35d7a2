package dev.latchkey.broker.http;

import static dev.latchkey.broker.http.HttpInput.longParam;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.latchkey.broker.events.EventFeed;
import dev.latchkey.broker.events.JdbcEventJournal;
import dev.latchkey.broker.events.JournalEvent;
import dev.latchkey.broker.events.StreamSlots;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.identity.TokenValidator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/events}: the caller's events as Server-Sent Events, or as a long poll for
 * clients that cannot read a stream ({@code Accept: application/json} or {@code ?wait=}).
 * Both resume after {@code Last-Event-ID} (or {@code ?after=}); without one they start now.
 */
public final class EventRoutes {

    /** How often an idle stream carries a {@code : keep-alive} comment (the contract asks for 15 s at most). */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
    /** The longest a long poll waits for the first event. */
    public static final int MAX_WAIT_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(EventRoutes.class);
    // Each open stream and waiting long poll parks one virtual thread: cheap, and no platform
    // thread of the server's pool is held while nothing happens.
    private static final Executor WAITERS = task -> Thread.ofVirtual().name("latchkey-events").start(task);

    private final JdbcEventJournal journal;
    private final BearerAuth auth;
    private final StreamSlots slots;
    private final Duration keepAlive;

    /** Routes with the default keep-alive and {@link StreamSlots#DEFAULT_PER_SUBJECT} connections per user. */
    public EventRoutes(JdbcEventJournal journal, Supplier<TokenValidator> validator) {
        this(journal, validator, new StreamSlots(StreamSlots.DEFAULT_PER_SUBJECT), KEEP_ALIVE);
    }

    /**
     * @param slots the cap on open event connections per user
     * @param keepAlive how long a stream stays silent before a keep-alive comment
     */
    public EventRoutes(JdbcEventJournal journal, Supplier<TokenValidator> validator, StreamSlots slots,
            Duration keepAlive) {
        this.journal = journal;
        this.auth = new BearerAuth(validator);
        this.slots = slots;
        this.keepAlive = keepAlive;
    }

    /** Registers the route on {@code routes}. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/events", this::events);
    }

    record EventView(long id, String type, @JsonRawValue String data) {
    }

    record EventPage(List<EventView> events, long next) {
    }

    private void events(Context ctx) {
        Caller caller = auth.caller(ctx);
        OptionalLong after = after(ctx);
        String wait = ctx.queryParam("wait");
        String accept = ctx.header("Accept");
        boolean stream = wait == null && accept != null && accept.contains("text/event-stream");
        long waitSeconds = Math.min(longParam(ctx, "wait", 0), MAX_WAIT_SECONDS);
        if (waitSeconds < 0) {
            throw ApiException.badRequest("'wait' is a number of seconds from 0 to " + MAX_WAIT_SECONDS);
        }
        StreamSlots.Slot slot = slots.take(caller.subject()).orElseThrow(() -> new ApiException(429,
                "too_many_streams", "you have " + slots.perSubject() + " event connections open already;"
                        + " close one (each open app or `latchkey` window holds one) and try again",
                Map.of("Retry-After", "5")));
        try {
            EventFeed feed = journal.feed(caller, after);
            if (stream) {
                stream(ctx, feed, slot);
            } else {
                longPoll(ctx, feed, Duration.ofSeconds(waitSeconds), slot);
            }
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    /** {@code Last-Event-ID} (what an EventSource sends when it reconnects) wins over {@code ?after}. */
    private static OptionalLong after(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        String text = header != null && !header.isBlank() ? header.strip() : ctx.queryParam("after");
        if (text == null || text.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Last-Event-ID and 'after' are event ids: whole numbers from 0");
        }
    }

    private void stream(Context ctx, EventFeed feed, StreamSlots.Slot slot) {
        try {
            new SseHandler(0, client -> {
                Stream stream = new Stream(client, feed, slot);
                // A client that hangs up is noticed when a write to it fails: at the latest on the
                // next keep-alive, when SseClient closes and frees the slot. The listener covers
                // Jetty ending the request itself (an error, a timeout, the server stopping).
                ctx.req().getAsyncContext().addListener(stream);
                client.onClose(slot::close);
                stream.pump.start();
                client.keepAlive();
            }).handle(ctx);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot open the event stream", e);
        }
    }

    /** One open stream: a virtual thread that writes the caller's events as they come. */
    private final class Stream implements AsyncListener {

        private final SseClient client;
        private final EventFeed feed;
        private final StreamSlots.Slot slot;
        private final AtomicBoolean gone = new AtomicBoolean();
        private final Thread pump;

        Stream(SseClient client, EventFeed feed, StreamSlots.Slot slot) {
            this.client = client;
            this.feed = feed;
            this.slot = slot;
            this.pump = Thread.ofVirtual().name("latchkey-events").unstarted(this::pump);
        }

        private void pump() {
            try {
                while (!gone.get() && !client.terminated()) {
                    List<JournalEvent> batch = feed.next(keepAlive);
                    if (feed.closed() || gone.get()) {
                        break;
                    }
                    if (batch.isEmpty()) {
                        client.sendComment("keep-alive");
                    }
                    for (JournalEvent e : batch) {
                        if (gone.get() || client.terminated()) {
                            break;
                        }
                        client.sendEvent(e.type(), e.data(), Long.toString(e.id()));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("an event stream failed and was closed: {}", ErrorHandling.describe(e));
            } finally {
                slot.close();
                if (!gone.get()) {
                    // The broker is stopping or the stream failed: end the response properly.
                    client.close();
                }
            }
        }

        private void gone() {
            if (gone.compareAndSet(false, true)) {
                slot.close();
                pump.interrupt();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            gone();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            gone();
        }

        @Override
        public void onError(AsyncEvent event) {
            gone();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Not re-dispatched: nothing to do.
        }
    }

    private static void longPoll(Context ctx, EventFeed feed, Duration wait, StreamSlots.Slot slot) {
        ctx.header("Cache-Control", "no-store");
        ctx.future(() -> CompletableFuture.supplyAsync(() -> page(feed, wait), WAITERS)
                .whenComplete((page, error) -> slot.close())
                .thenAccept(ctx::json));
    }

    private static EventPage page(EventFeed feed, Duration wait) {
        try {
            List<EventView> events = feed.next(wait).stream()
                    .map(e -> new EventView(e.id(), e.type(), e.data())).toList();
            return new EventPage(events, feed.cursor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(new ApiException(503, "unavailable", "the broker is stopping; try again"));
        }
    }
}
