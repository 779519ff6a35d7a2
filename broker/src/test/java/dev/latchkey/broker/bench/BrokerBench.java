package dev.latchkey.broker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Measures the broker as a client sees it, against the real server binary:
 * <ol>
 *   <li>dev-mode start time: {@code java -jar latchkey-broker.jar --dev --port 0} until it prints
 *       its URL, and until it first answers;</li>
 *   <li>resolve latency for 1 and for 50 refs: median (and p90/p99) over 1,000 calls each, after a
 *       warm-up, with a token from the dev IdP's device flow;</li>
 *   <li>throughput from parallel clients: sandbox-token mints, and access requests that an
 *       auto-approval rule approves at once (each one a request row, a grant row and two audit
 *       rows).</li>
 * </ol>
 * Run it with {@code bench/broker-bench.sh}. Only loopback is contacted.
 */
public final class BrokerBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CALLS = 1_000;
    private static final int WARMUP = 300;
    private static final int START_RUNS = 3;
    private static final int CLIENTS = 4;
    private static final Duration THROUGHPUT_WINDOW = Duration.ofSeconds(10);

    private BrokerBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "broker/target/latchkey-broker.jar");
        List<Long> toUrl = new ArrayList<>();
        List<Long> toFirstAnswer = new ArrayList<>();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            for (int i = 0; i < START_RUNS; i++) {
                long t0 = System.nanoTime();
                Process p = start(jar, "--dev", "--port", "0");
                try {
                    URI url = awaitUrl(p);
                    long printed = System.nanoTime();
                    get(http, url.resolve("/.well-known/latchkey"), null);
                    long answered = System.nanoTime();
                    toUrl.add((printed - t0) / 1_000_000);
                    toFirstAnswer.add((answered - t0) / 1_000_000);
                } finally {
                    stop(p);
                }
            }
            System.out.printf("dev-mode start (java -jar ... --dev --port 0), %d runs:%n", START_RUNS);
            System.out.printf("  until the URL is printed: median %d ms  (runs %s)%n", median(toUrl), toUrl);
            System.out.printf("  until the first answer:   median %d ms  (runs %s)%n", median(toFirstAnswer), toFirstAnswer);

            Process p = start(jar, "--dev", "--port", "0", "--dev-bulk-secrets", "50");
            try {
                URI url = awaitUrl(p);
                String token = signIn(http, url, "ada");
                String one = body(List.of("latchkey://perf/bulk/secret-00001"));
                String fifty = body(IntStream.rangeClosed(1, 50)
                        .mapToObj(i -> String.format("latchkey://perf/bulk/secret-%05d", i)).toList());
                check(http, url, token, one, 1);
                check(http, url, token, fifty, 50);
                measure(http, url, token, one, WARMUP);
                measure(http, url, token, fifty, WARMUP);
                long[] oneRef = measure(http, url, token, one, CALLS);
                long[] fiftyRefs = measure(http, url, token, fifty, CALLS);
                System.out.printf("POST /v1/secrets:resolve over loopback HTTP, %d calls each after %d warm-up:%n",
                        CALLS, WARMUP);
                report("1 ref  ", oneRef);
                report("50 refs", fiftyRefs);
                throughput(http, url, token, "/v1/sandbox-tokens", "{\"sandbox\":\"payments-sandbox\",\"ttl\":\"5m\"}",
                        201, "sandbox token mints (POST /v1/sandbox-tokens)");
                String request = "{\"scope\":\"payments/staging\",\"duration\":\"1h\",\"justification\":\"bench\"}";
                if (!JSON.readTree(send(http, url.resolve("/v1/access-requests"), token, request, 201))
                        .path("decidedBy").asText().equals("policy:staging-short")) {
                    throw new IllegalStateException("a 1h staging request was not auto-approved by staging-short");
                }
                throughput(http, url, token, "/v1/access-requests", request, 201,
                        "access requests created + auto-approved (POST /v1/access-requests, rule staging-short)");
            } finally {
                stop(p);
            }
        }
    }

    private static Process start(Path jar, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static URI awaitUrl(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            int at = line.indexOf("listening on ");
            if (at >= 0) {
                return URI.create(line.substring(at + "listening on ".length()).strip());
            }
        }
        throw new IllegalStateException("the broker exited without printing its URL (exit " + p.exitValue() + ")");
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /** The dev IdP's device flow, as a script would do it. */
    private static String signIn(HttpClient http, URI broker, String user) throws Exception {
        String issuer = JSON.readTree(get(http, broker.resolve("/.well-known/latchkey"), null)).path("issuer").asText();
        JsonNode device = JSON.readTree(form(http, URI.create(issuer + "/device/authorize"),
                Map.of("client_id", "latchkey", "scope", "openid profile email offline_access")));
        form(http, URI.create(issuer + "/device"), Map.of("user_code", device.path("user_code").asText(), "user", user));
        for (int attempt = 0; attempt < 10; attempt++) {
            Thread.sleep(device.path("interval").asLong(5) * 1000);
            JsonNode tokens = JSON.readTree(form(http, URI.create(issuer + "/token"), Map.of(
                    "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                    "device_code", device.path("device_code").asText(), "client_id", "latchkey")));
            if (tokens.has("access_token")) {
                return tokens.path("access_token").asText();
            }
        }
        throw new IllegalStateException("the device flow did not complete");
    }

    private static void check(HttpClient http, URI url, String token, String body, int expected) throws Exception {
        JsonNode answer = JSON.readTree(post(http, url, token, body));
        if (answer.path("resolved").size() != expected) {
            throw new IllegalStateException("expected " + expected + " values, got " + answer.path("refused"));
        }
    }

    private static long[] measure(HttpClient http, URI url, String token, String body, int calls) throws Exception {
        long[] micros = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            post(http, url, token, body);
            micros[i] = (System.nanoTime() - t0) / 1_000;
        }
        Arrays.sort(micros);
        return micros;
    }

    /** Requests per second from {@code CLIENTS} clients in parallel over a fixed time, after a warm-up. */
    private static void throughput(HttpClient http, URI url, String token, String path, String body, int expected,
            String label) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            send(http, url.resolve(path), token, body, expected);
        }
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + THROUGHPUT_WINDOW.toNanos();
        long t0 = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        send(http, url.resolve(path), token, body, expected);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (var f : clients) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s, %d clients for %.1f s after %d warm-up: %.0f per second (%d calls)%n", label, CLIENTS,
                seconds, WARMUP, done.get() / seconds, done.get());
    }

    private static String send(HttpClient http, URI uri, String token, String body, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(uri.getPath() + " answered HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static void report(String label, long[] sorted) {
        System.out.printf("  %s: median %.2f ms   p90 %.2f ms   p99 %.2f ms   min %.2f ms%n", label,
                sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.9)] / 1000.0,
                sorted[(int) (sorted.length * 0.99)] / 1000.0, sorted[0] / 1000.0);
    }

    private static String body(List<String> refs) throws IOException {
        return JSON.writeValueAsString(Map.of("refs", refs));
    }

    private static String post(HttpClient http, URI broker, String token, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(broker.resolve("/v1/secrets:resolve"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("resolve answered HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String get(HttpClient http, URI uri, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String form(HttpClient http, URI uri, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
