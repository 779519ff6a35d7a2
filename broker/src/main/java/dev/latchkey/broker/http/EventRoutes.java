package dev.latchkey.broker.http;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.latchkey.broker.events.EventFeed;
import dev.latchkey.broker.events.JdbcEventJournal;
import dev.latchkey.broker.events.JournalEvent;
import dev.latchkey.broker.events.StreamSlots;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.identity.TokenValidator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
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

    /** How often an idle stream carries a {@code : keep-alive} comment; docs/broker.md and broker-api.yaml say 10 s. */
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
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

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

    private void events(Context ctx) throws IOException {
        if (closing) {
            throw new ApiException(503, "unavailable", "the broker is stopping; connect again shortly");
        }
        Caller caller = auth.caller(ctx);
        Query query = Query.of(ctx, "after", "wait");
        OptionalLong after = after(ctx, query);
        OptionalLong wait = query.number("wait", 0, MAX_WAIT_SECONDS);
        String accept = ctx.header("Accept");
        boolean stream = wait.isEmpty() && accept != null && accept.contains("text/event-stream");
        long waitSeconds = wait.orElse(0);
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
        } catch (RuntimeException | IOException e) {
            slot.close();
            throw e;
        }
    }

    /** {@code Last-Event-ID} (what an EventSource sends when it reconnects) wins over {@code ?after}. */
    private static OptionalLong after(Context ctx, Query query) {
        OptionalLong fromQuery = query.number("after", 0, Long.MAX_VALUE);
        String header = ctx.header("Last-Event-ID");
        if (header == null || header.isBlank()) {
            return fromQuery;
        }
        try {
            long value = Long.parseLong(header.strip());
            if (value >= 0) {
                return OptionalLong.of(value);
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new ApiException(400, "invalid_request", "Last-Event-ID is an event id: a whole number from 0",
                "Last-Event-ID");
    }

    /**
     * Writes the stream itself rather than through Javalin's SseClient: that client completes
     * the request's future when a write fails, and Javalin then works on a request Jetty has
     * already recycled and never stops logging about it. Here the future completes only while
     * the connection is alive (the broker stopping, or a failure of ours); a dead connection is
     * left to Jetty, which ends it after the failed write.
     */
    private void stream(Context ctx, EventFeed feed, StreamSlots.Slot slot) throws IOException {
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("X-Accel-Buffering", "no"); // tells a proxy in front not to hold events back
        // The raw servlet stream, not ctx.outputStream(): a compressor would hold events back.
        OutputStream out = res.getOutputStream();
        Stream stream = new Stream(out, feed, slot);
        open.add(stream);
        try {
            res.flushBuffer();
        } catch (IOException e) {
            open.remove(stream);
            throw e;
        }
        ctx.future(() -> {
            // Javalin has started async processing by now: the pump may outlive this thread.
            ctx.req().getAsyncContext().addListener(stream);
            stream.pump.start();
            return stream.done;
        });
    }

    /**
     * Ends every open stream and waits (briefly) until each has finished its response. Call it
     * while the server still runs: a response finished after Jetty stopped is never finished.
     */
    public void close() {
        closing = true;
        List<Stream> streams = List.copyOf(open);
        streams.forEach(Stream::end);
        for (Stream stream : streams) {
            if (stream.pump.getState() == Thread.State.NEW) {
                continue; // not started yet: it sees the end as it starts
            }
            try {
                stream.pump.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One open stream: a virtual thread that writes the caller's events as they come. */
    private final class Stream implements AsyncListener {

        private final OutputStream out;
        private final EventFeed feed;
        private final StreamSlots.Slot slot;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final AtomicBoolean gone = new AtomicBoolean();
        private final AtomicBoolean ending = new AtomicBoolean();
        private final Thread pump;

        Stream(OutputStream out, EventFeed feed, StreamSlots.Slot slot) {
            this.out = out;
            this.feed = feed;
            this.slot = slot;
            this.pump = Thread.ofVirtual().name("latchkey-events").unstarted(this::pump);
        }

        private void pump() {
            try {
                while (!gone.get() && !ending.get() && !feed.closed()) {
                    List<JournalEvent> batch = feed.next(keepAlive);
                    if (gone.get() || ending.get() || feed.closed()) {
                        break;
                    }
                    StringBuilder text = new StringBuilder();
                    if (batch.isEmpty()) {
                        text.append(": keep-alive\n\n");
                    }
                    for (JournalEvent e : batch) {
                        text.append("id: ").append(e.id()).append('\n')
                                .append("event: ").append(e.type()).append('\n');
                        // The data is one line of JSON; should it ever hold a line break, each
                        // line becomes its own data: line, as the format requires.
                        for (String line : e.data().split("\n", -1)) {
                            text.append("data: ").append(line).append('\n');
                        }
                        text.append('\n');
                    }
                    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                // The client went away: Jetty ends the request after the failed write.
                gone.set(true);
            } catch (InterruptedException e) {
                // end() or a stopping broker: finish the response below.
            } catch (RuntimeException e) {
                LOG.warn("an event stream failed and was closed: {}", ErrorHandling.describe(e));
            } finally {
                slot.close();
                open.remove(this);
                if (!gone.get()) {
                    done.complete(null);
                }
            }
        }

        /** Ends the stream from outside: the pump finishes the response. */
        void end() {
            if (ending.compareAndSet(false, true)) {
                pump.interrupt();
            }
        }

        private void gone() {
            gone.set(true);
            slot.close();
            pump.interrupt();
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
