package dev.latchkey.core.events;

import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.diagnostics.FailureText;
import dev.latchkey.core.internal.events.LongPollPage;
import dev.latchkey.core.internal.events.SseLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches one subscription's events over HTTP: a server-sent event stream, or long polls once a
 * proxy spoiled the stream (or when asked to from the start). Each call to {@link #attempt()} is
 * one connection, read until it ends; what it received goes to the subscription's
 * {@link Delivery}, and how it ended comes back as an {@link Attempt} for the reconnect loop.
 */
final class EventFetch {

    private final OkHttpClient http;
    private final URI base;
    private final BearerToken token;
    private final Delivery delivery;
    private final CountDownLatch closed;
    private final AtomicReference<Call> current = new AtomicReference<>();
    private volatile boolean longPoll;

    EventFetch(OkHttpClient http, URI base, BearerToken token, Delivery delivery, CountDownLatch closed, boolean longPoll) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.delivery = delivery;
        this.closed = closed;
        this.longPoll = longPoll;
    }

    /** Cancels the call in flight, if any, so a closing subscription does not wait for it. */
    void cancel() {
        Call c = current.get();
        if (c != null) {
            c.cancel();
        }
    }

    private boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** One connection, read until it ends. */
    Attempt attempt() {
        String bearer;
        try {
            bearer = token.get();
        } catch (NotSignedInException e) {
            return Attempt.noToken(e, false);
        }
        if (longPoll) {
            return polls();
        }
        HttpUrl url = HttpUrl.get(base + "/v1/events");
        Request.Builder req = new Request.Builder().url(url).get()
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache")
                .header("Authorization", "Bearer " + bearer);
        OptionalLong resumeAfter = delivery.lastEventId();
        resumeAfter.ifPresent(id -> req.header("Last-Event-ID", Long.toString(id)));
        Call call = http.newCall(req.build());
        current.set(call);
        if (isClosed()) {
            call.cancel();
        }
        SseLines sse = new SseLines();
        boolean connected = false;
        try (Response response = call.execute()) {
            Optional<Attempt> refused = Attempt.refused(response.code(), base);
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
            delivery.state(new StreamState.Connected(resumeAfter));
            BufferedReader in = new BufferedReader(new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !isClosed()) {
                Optional<SseLines.Raw> raw = sse.line(line);
                if (raw.isPresent()) {
                    delivery.event(raw.get());
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

    /** Long polls, one after another, until one fails or the subscription closes. */
    private Attempt polls() {
        OptionalLong resumeAfter = delivery.lastEventId();
        boolean connected = false;
        while (!isClosed()) {
            String bearer;
            try {
                bearer = token.get();
            } catch (NotSignedInException e) {
                return Attempt.noToken(e, connected);
            }
            // The first poll of a connection returns at once: it says the connection works and where
            // the journal stands, so nothing published while the next poll is on its way is missed.
            HttpUrl.Builder url = HttpUrl.get(base + "/v1/events").newBuilder()
                    .addQueryParameter("wait", connected ? Long.toString(EventStream.LONG_POLL_WAIT.toSeconds()) : "0");
            delivery.lastEventId().ifPresent(id -> url.addQueryParameter("after", Long.toString(id)));
            Call call = http.newCall(new Request.Builder().url(url.build()).get()
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + bearer).build());
            current.set(call);
            if (isClosed()) {
                call.cancel();
            }
            try (Response response = call.execute()) {
                Optional<Attempt> refused = Attempt.refused(response.code(), base);
                if (refused.isPresent()) {
                    return refused.get();
                }
                LongPollPage.Page page = LongPollPage.read(response.body().string());
                if (!connected) {
                    connected = true;
                    delivery.state(new StreamState.Connected(resumeAfter));
                }
                page.events().forEach(delivery::event);
                page.next().ifPresent(delivery::advanceTo);
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
}
