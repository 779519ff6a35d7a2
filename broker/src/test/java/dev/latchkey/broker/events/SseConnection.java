package dev.latchkey.broker.events;

import dev.latchkey.broker.testing.ApiContract;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test's Server-Sent Events client over real HTTP (java.net.http): it reads the stream on its own
 * thread and hands over events and comments as they arrive, each stamped with when it came.
 */
public final class SseConnection implements AutoCloseable {

    /** One dispatched event; {@code receivedNanos} is {@link System#nanoTime()} at its blank line. */
    public record Event(String id, String type, String data, long receivedNanos) {
    }

    /** A comment line ({@code : text}). */
    public record Comment(String text, long receivedNanos) {
    }

    // HTTP/1.1: one connection per stream, closed with the stream (HTTP/2 would multiplex).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final String errorBody;

    private SseConnection(HttpResponse<InputStream> response) throws IOException {
        this.response = response;
        if (response.statusCode() == 200) {
            this.errorBody = null;
            Thread.ofVirtual().name("test-sse-reader").start(this::read);
        } else {
            try (InputStream in = response.body()) {
                this.errorBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        // The stream's status and headers (its body, still arriving, stands in as a comment line);
        // its events are checked by the tests that read them.
        ApiContract.check(response.request().method(), response.uri(), response.statusCode(),
                response.headers().map(), errorBody == null ? ": stream\n" : errorBody);
    }

    /** Opens {@code base}/v1/events as the holder of {@code token}, resuming after {@code lastEventId} if given. */
    public static SseConnection open(URI base, String path, String token, String lastEventId) throws IOException {
        // The timeout bounds the wait for the response headers; reads are bounded by the
        // callers' waits on the queue. Accept-Encoding as OkHttp (core's client) sends it: a
        // gzipped stream would hold events back in the compressor, and this reader would not
        // parse one, so the tests also prove the broker sends the stream uncompressed.
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "text/event-stream").header("Accept-Encoding", "gzip");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseConnection(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The JSON error body when the stream was refused. */
    public String errorBody() {
        return errorBody;
    }

    /** The next event within {@code timeout}, skipping comments; fails the test when none comes. */
    public Event nextEvent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object item = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (item == null) {
                throw new AssertionError("no event within " + timeout);
            }
            if (item instanceof Event e) {
                return e;
            }
        }
    }

    /** The next comment within {@code timeout}, skipping events; fails the test when none comes. */
    public Comment nextComment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object item = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (item == null) {
                throw new AssertionError("no comment within " + timeout);
            }
            if (item instanceof Comment c) {
                return c;
            }
        }
    }

    /** Every event that arrives within {@code window}. */
    public List<Event> eventsWithin(Duration window) throws InterruptedException {
        List<Event> out = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            Object item = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (item == null) {
                return out;
            }
            if (item instanceof Event e) {
                out.add(e);
            }
        }
    }

    private void read() {
        String id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        try (BufferedReader source = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = source.readLine()) != null) {
                if (line.isEmpty()) {
                    if (type != null || !data.isEmpty()) {
                        received.add(new Event(id, type, data.toString(), System.nanoTime()));
                    }
                    id = null;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    received.add(new Comment(line.substring(1).strip(), System.nanoTime()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // Closed by the test or the server: the queue simply stops growing.
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
