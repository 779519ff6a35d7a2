package dev.latchkey.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.internal.agent.AgentError;
import dev.latchkey.core.internal.agent.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of malformed, oversized and out-of-order messages, each sent over the real socket:
 * every one gets a typed error (its type where the corpus says which), none crashes the agent or
 * reaches its problem log, and the agent answers a good call afterwards.
 */
class AgentBadInputTest {

    private static final Pattern ERROR = Pattern.compile(
            "^HTTP/1\\.1 (4\\d\\d|5\\d\\d) [^\\r]*\\r\\n(?s:.*)\\r\\n\\r\\n\\{\"error\":\\{\"type\":\"([a-z_]+)\",\"message\":\"[^\"]+");
    private static final Set<String> TYPES = Arrays.stream(AgentError.values()).map(AgentError::type).collect(Collectors.toSet());
    private static final String BROKER = "http://127.0.0.1:9";

    @TempDir
    Path dir;

    /** One message and the type it must get (null: any typed error). */
    record Case(String name, byte[] bytes, String type) {
    }

    @Test
    void everyMessageOfTheCorpusGetsATypedError() throws Exception {
        List<Case> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        AgentPaths paths = new AgentPaths(dir.resolve("a").resolve(AgentPaths.SOCKET));
        List<String> problems = new CopyOnWriteArrayList<>();
        try (AgentServer server = AgentServer.start(paths, RawAgent.service(dir), problems::add)) {
            assertThat(server.paths().socket()).exists();
            for (Case c : corpus) {
                String answer = RawAgent.send(paths.socket(), c.bytes());
                Matcher m = ERROR.matcher(answer);
                assertThat(m.find()).as("%s answered: %s", c.name(), answer).isTrue();
                assertThat(TYPES).as(c.name()).contains(m.group(2));
                assertThat(m.group(1)).as(c.name()).isEqualTo(Integer.toString(AgentError.ofType(m.group(2)).status()));
                if (c.type() != null) {
                    assertThat(m.group(2)).as("%s answered: %s", c.name(), answer).isEqualTo(c.type());
                }
            }
            assertThat(AgentClient.probe(paths, Duration.ofSeconds(2))).as("the agent still answers").isPresent();
        }
        assertThat(problems).as("no message was an unexpected failure").isEmpty();
    }

    private static List<Case> corpus() {
        List<Case> c = new ArrayList<>();
        // Malformed request lines.
        for (String line : List.of("get /v1/hello HTTP/1.1", "GET v1/hello HTTP/1.1", "GET /v1/hello HTTP/2.0",
                "GET /v1/hello", "GET  /v1/hello HTTP/1.1", "/v1/hello GET HTTP/1.1", "GET /v1/hello HTTP/1.1 x",
                "PRI * HTTP/2.0", "GET /v1/he llo HTTP/1.1", "GET /v1/\u0001 HTTP/1.1", "GET", "", " ",
                "GET /v1/hello HTTP/0.9", "GET /v1/hello http/1.1", "G3T /v1/hello HTTP/1.1",
                "GETTINGTOOLONGMETHOD /v1/hello HTTP/1.1", "GET * HTTP/1.1", "GET /" + "a".repeat(3000) + " HTTP/1.1",
                "GET /v1/h\u00e9llo HTTP/1.1")) {
            c.add(new Case("request line '" + clip(line) + "'", bytes(line + "\r\n\r\n"), "bad_request"));
        }
        // Malformed headers.
        for (String headers : List.of("NoColon", ": no name", "Bad Name: x", "Content-Length: abc", "Content-Length: -1",
                "Content-Length: 1\r\nContent-Length: 1", "Transfer-Encoding: chunked", "Host: a\r\nHost: b",
                "Authorization: a\r\nAuthorization: b", "Content-Length: 99999999999999999999", "X(y): z", "\tfolded")) {
            c.add(new Case("header '" + clip(headers) + "'", bytes("POST /v1/resolve HTTP/1.1\r\n" + headers + "\r\n\r\n"), "bad_request"));
        }
        c.add(new Case("GET with a body", bytes("GET /v1/hello HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}"), "bad_request"));
        // Oversized.
        for (int size : new int[] {Wire.MAX_HEAD + 1, Wire.MAX_HEAD * 2, 100_000}) {
            c.add(new Case("a header of " + size, bytes("GET /v1/hello HTTP/1.1\r\nX: " + "a".repeat(size) + "\r\n\r\n"), "too_large"));
        }
        c.add(new Case("no end of headers", bytes("GET /v1/hello HTTP/1.1\r\n" + "X: y\r\n".repeat(3000)), "too_large"));
        c.add(new Case("65 headers", bytes("GET /v1/hello HTTP/1.1\r\n" + "X: y\r\n".repeat(Wire.MAX_HEADERS + 1) + "\r\n"), "too_large"));
        for (long length : new long[] {Wire.MAX_BODY + 1L, 1_000_000L, Integer.MAX_VALUE, Long.MAX_VALUE}) {
            c.add(new Case("Content-Length " + length, bytes("POST /v1/resolve HTTP/1.1\r\nContent-Length: " + length + "\r\n\r\n{}"), "too_large"));
        }
        // Out of order.
        c.add(new Case("header before the request line", bytes("Host: x\r\nGET /v1/hello HTTP/1.1\r\n\r\n"), "out_of_order"));
        c.add(new Case("request line among headers", bytes("GET /v1/hello HTTP/1.1\r\nHost: x\r\nGET /v1/status HTTP/1.1\r\n\r\n"), "out_of_order"));
        c.add(new Case("two requests at once", bytes("GET /v1/hello HTTP/1.1\r\n\r\nGET /v1/hello HTTP/1.1\r\n\r\n"), "out_of_order"));
        c.add(new Case("a POST without a length", bytes("POST /v1/resolve HTTP/1.1\r\n\r\n{\"broker\":\"x\"}"), "out_of_order"));
        c.add(new Case("a body longer than its length", bytes("POST /v1/token HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}{}"), "out_of_order"));
        c.add(new Case("a body before the head", bytes("{}\r\nPOST /v1/token HTTP/1.1\r\n\r\n"), "bad_request"));
        // Paths and methods.
        for (String path : List.of("/v2/hello", "/v0/hello", "/v99/resolve")) {
            c.add(new Case("GET " + path, bytes("GET " + path + " HTTP/1.1\r\n\r\n"), "unsupported_version"));
        }
        for (String path : List.of("/", "/hello", "/v1", "/v1/", "/v1/nope", "/v1/hello/x", "/V1/hello", "/v1/../v1/hello")) {
            c.add(new Case("GET " + path, bytes("GET " + path + " HTTP/1.1\r\n\r\n"), "not_found"));
        }
        for (String call : List.of("POST /v1/hello", "PUT /v1/hello", "DELETE /v1/status", "GET /v1/resolve", "GET /v1/token",
                "HEAD /v1/hello", "OPTIONS /v1/status", "PATCH /v1/resolve", "GET /v1/forget", "DELETE /v1/forget")) {
            c.add(new Case(call, bytes(call + " HTTP/1.1\r\nContent-Length: 0\r\n\r\n"), "method_not_allowed"));
        }
        // Bodies that are not the message a call takes.
        List<String> bodies = new ArrayList<>(List.of("{", "[]", "null", "1", "\"x\"", "{}x", "{\"broker\":}", "{'broker':1}",
                "{\"broker\":\"" + BROKER + "\",\"extra\":1}", "{\"broker\":\"" + BROKER + "\"} trailing",
                "{\"broker\":[\"" + BROKER + "\"]}", "[".repeat(5000) + "]".repeat(5000), "\uFEFF{}", "{\"broker\":\"\\ud800\"}",
                "{\"refs\":[]}", "{\"broker\":1,\"refs\":[]}", "{\"broker\":null,\"refs\":[]}", "{\"broker\":\"https://other.example\",\"refs\":[]}"));
        for (String extra : List.of("\"refs\":null", "\"refs\":\"x\"", "\"refs\":[1]", "\"refs\":[null]", "\"refs\":[\"not a ref\"]",
                "\"refs\":[\"latchkey://a\"]", "\"refs\":[\"latchkey://a/b/c/d/e\"]", "\"refs\":[\"https://x/y/z\"]",
                "\"refs\":[],\"sandboxes\":{\"T\":null}", "\"refs\":[],\"sandboxes\":{\"T\":{}}",
                "\"refs\":[],\"sandboxes\":{\"T\":{\"sandbox\":\"s\",\"ttlSeconds\":0}}",
                "\"refs\":[],\"sandboxes\":{\"T\":{\"sandbox\":\"s\",\"ttlSeconds\":-1}}",
                "\"refs\":[],\"sandboxes\":{\"T\":{\"sandbox\":\"s\",\"ttlSeconds\":1000000000}}",
                "\"refs\":[],\"sandboxes\":{\"T\":{\"sandbox\":\"\",\"ttlSeconds\":10}}",
                "\"refs\":[],\"sandboxes\":{\"T\":{\"sandbox\":\"s\",\"ttlSeconds\":\"10\"x}}",
                "\"refs\":[],\"sandboxes\":[]", "\"refs\":" + "[\"latchkey://a/b/c\"," .repeat(1001) + "\"latchkey://a/b/c\"]")) {
            bodies.add("{\"broker\":\"" + BROKER + "\"," + extra + "}");
        }
        for (String body : bodies) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            if (b.length > Wire.MAX_BODY) {
                continue;
            }
            c.add(new Case("resolve " + clip(body), post("/v1/resolve", b), null));
            c.add(new Case("token " + clip(body), post("/v1/token", b), null));
            c.add(new Case("forget " + clip(body), post("/v1/forget", b), null));
        }
        c.add(new Case("resolve with no body", post("/v1/resolve", new byte[0]), "bad_request"));
        c.add(new Case("token for another broker", post("/v1/token", bytes("{\"broker\":\"https://other.example\"}")), "wrong_broker"));
        c.add(new Case("forget for another broker", post("/v1/forget", bytes("{\"broker\":\"https://other.example\"}")), "wrong_broker"));
        c.add(new Case("forget with no body", post("/v1/forget", new byte[0]), "bad_request"));
        c.add(new Case("invalid UTF-8", post("/v1/resolve", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}), "bad_request"));
        // A good request cut short at every byte.
        String goodBody = "{\"broker\":\"" + BROKER + "\",\"refs\":[]}";
        String good = "POST /v1/resolve HTTP/1.1\r\nContent-Length: " + goodBody.length() + "\r\n\r\n" + goodBody;
        for (int cut = 1; cut < good.length() - 1; cut += 2) {
            c.add(new Case("cut at " + cut, bytes(good.substring(0, cut)), "bad_request"));
        }
        // Noise.
        Random random = new Random(13);
        for (int i = 0; i < 30; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            c.add(new Case("noise " + i, noise, null));
        }
        return c;
    }

    private static byte[] post(String path, byte[] body) {
        byte[] head = bytes("POST " + path + " HTTP/1.1\r\nContent-Length: " + body.length + "\r\n\r\n");
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
