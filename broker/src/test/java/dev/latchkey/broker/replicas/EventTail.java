package dev.latchkey.broker.replicas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One user's event stream as a client behind a load balancer keeps it: open on some replica,
 * and when that connection drops (the replica killed, the database restarting) open again on the
 * next replica with {@code Last-Event-ID}, so nothing is missed. Records every event with the
 * instant it arrived.
 */
final class EventTail implements AutoCloseable {

    /** One event as it arrived. */
    record Heard(long id, String type, JsonNode data, Instant at) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    private final Supplier<String> token;
    private final List<Heard> heard = new ArrayList<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread reader;
    private volatile boolean closed;
    private volatile InputStream body;
    private volatile long lastId = -1;
    private int next;

    /**
     * Starts following from now, first on replica {@code first}; returns once that stream is open.
     * A reconnect before any event resumes after id 0: a tail is meant for a user who has had no
     * events yet (each test uses users of its own).
     *
     * @param replicas the replicas to rotate through
     */
    EventTail(Supplier<List<URI>> replicas, int first, Supplier<String> token) throws InterruptedException {
        this.token = token;
        this.next = first;
        this.reader = Thread.ofVirtual().name("event-tail").start(() -> follow(replicas));
        if (!connected.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no replica opened an event stream within 30 s");
        }
    }

    /** The events heard so far, in arrival order. */
    synchronized List<Heard> heard() {
        return List.copyOf(heard);
    }

    /** How many times a stream was opened (1 plus the reconnects). */
    int connections() {
        return connections.get();
    }

    private void follow(Supplier<List<URI>> current) {
        while (!closed) {
            List<URI> urls = current.get();
            URI base = urls.get(next++ % urls.size());
            HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve("/v1/events"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + token.get());
            if (lastId >= 0) {
                req.header("Last-Event-ID", Long.toString(lastId));
            }
            try {
                HttpResponse<InputStream> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    r.body().close();
                    pause();
                    continue;
                }
                body = r.body();
                connections.incrementAndGet();
                if (lastId < 0) {
                    lastId = 0; // from here on every reconnect resumes, even before the first event
                }
                connected.countDown();
                read(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                // refused (a killed replica) or cut: the next replica
            } catch (InterruptedException e) {
                return;
            }
            pause();
        }
    }

    private void read(BufferedReader in) throws IOException {
        String line;
        long id = -1;
        String type = null;
        StringBuilder data = new StringBuilder();
        while (!closed && (line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (id >= 0 && type != null) {
                    record(new Heard(id, type, JSON.readTree(data.toString()), Instant.now()));
                }
                id = -1;
                type = null;
                data.setLength(0);
            } else if (line.startsWith("id: ")) {
                id = Long.parseLong(line.substring(4));
            } else if (line.startsWith("event: ")) {
                type = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
    }

    private synchronized void record(Heard h) {
        heard.add(h);
        lastId = h.id();
    }

    private void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream in = body;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        reader.interrupt();
    }
}
