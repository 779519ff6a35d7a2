package dev.latchkey.broker.replicas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * A client of the broker API that knows several replicas, as a load balancer in front of them
 * would: a call that cannot connect, or is answered 502/503 (a replica gone, the database
 * restarting), is tried again on the next replica until it gets an answer or 30 s pass.
 */
final class Calls {

    /** An answer; {@code status} -1 when no replica answered in time. */
    record Answer(int status, JsonNode body, Instant sentAt, Instant receivedAt, int attempts) {
        boolean ok() {
            return status == 200 || status == 201;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Supplier<List<URI>> replicas;

    Calls(Supplier<List<URI>> replicas) {
        this.replicas = replicas;
    }

    /** POSTs {@code body} (JSON) to {@code path} as the holder of {@code token}, first through replica {@code first}. */
    Answer post(int first, String path, String token, Object body) {
        return send(first, "POST", path, token, body);
    }

    /** PUTs {@code body} (JSON) to {@code path}, first through replica {@code first}. */
    Answer put(int first, String path, String token, Object body) {
        return send(first, "PUT", path, token, body);
    }

    /** GETs {@code path}, first through replica {@code first}. */
    Answer get(int first, String path, String token) {
        return send(first, "GET", path, token, null);
    }

    private Answer send(int first, String method, String path, String token, Object body) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        Instant firstSent = null;
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            List<URI> urls = replicas.get();
            URI base = urls.get(Math.floorMod(first + attempt, urls.size()));
            attempt++;
            HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + token);
            try {
                req = body == null ? req.GET() : req.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
                Instant sent = Instant.now();
                if (firstSent == null) {
                    firstSent = sent;
                }
                HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 502 || r.statusCode() == 503) {
                    pause();
                    continue;
                }
                JsonNode json = r.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(r.body());
                return new Answer(r.statusCode(), json, sent, Instant.now(), attempt);
            } catch (IOException e) {
                pause(); // refused or cut: the replica is gone; the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Answer(-1, MissingNode.getInstance(), firstSent, Instant.now(), attempt);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
