package dev.latchkey.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.server.ServerLimits;
import dev.latchkey.broker.testing.RawHttp;
import dev.latchkey.broker.testing.TestBroker;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus that once got through or got Jetty's HTML page, sent over a raw socket:
 * each answer is a JSON error of the API's shape, with the status and field the document gives.
 */
class HostileInputTest {

    @RegisterExtension
    static final TestBroker BROKER = TestBroker.at(Instant.parse("2026-11-28T10:00:00Z")).build();
    static String ada;
    static String root;

    @BeforeAll
    static void tokens() {
        ada = BROKER.issuer().token("ada", "payments-dev");
        root = BROKER.issuer().token("root", "latchkey-admins");
    }

    /** One hostile request and the answer the contract gives it. */
    record Case(String name, byte[] request, int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> corpus() {
        return Stream.of(
                post("resolve with text after the JSON", "/v1/secrets:resolve", ada,
                        "{\"refs\":[\"latchkey://payments/dev/db-url\"]} trailing", 400, "bad_request", null),
                post("resolve with two JSON objects", "/v1/secrets:resolve", ada, "{\"refs\":[\"a\"]}{}", 400,
                        "bad_request", null),
                post("a number as a ref", "/v1/secrets:resolve", ada, "{\"refs\":[42]}", 400, "invalid_request", "refs"),
                post("null as a ref", "/v1/secrets:resolve", ada, "{\"refs\":[null]}", 400, "invalid_request", "refs"),
                post("refs as null", "/v1/secrets:resolve", ada, "{\"refs\":null}", 400, "invalid_request", "refs"),
                post("refs as one text, not a list", "/v1/secrets:resolve", ada, "{\"refs\":\"latchkey://a/b/c\"}", 400,
                        "invalid_request", "refs"),
                post("no refs", "/v1/secrets:resolve", ada, "{\"refs\":[]}", 400, "invalid_request", "refs"),
                post("a duplicate key", "/v1/secrets:resolve", ada, "{\"refs\":[\"a\"],\"refs\":[\"b\"]}", 400,
                        "bad_request", null),
                post("invalid UTF-8 in the body", "/v1/secrets:resolve", ada,
                        bytes("{\"refs\":[\"\u00ff\u00fe\"]}"), "application/json", 400, "bad_request", null),
                post("resolve sent as text/plain", "/v1/secrets:resolve", ada, "{\"refs\":[\"a\"]}", "text/plain", 415,
                        "unsupported_media_type", null),
                post("a justification of 1,001 characters", "/v1/access-requests", ada,
                        "{\"scope\":\"payments/staging\",\"duration\":\"1h\",\"justification\":\"" + "j".repeat(1001) + "\"}",
                        400, "invalid_request", "justification"),
                post("a justification of 1,001 characters, dry run", "/v1/access-requests?dryRun=true", ada,
                        "{\"scope\":\"payments/staging\",\"duration\":\"1h\",\"justification\":\"" + "j".repeat(1001) + "\"}",
                        400, "invalid_request", "justification"),
                post("a scope with a leading space", "/v1/access-requests", ada,
                        "{\"scope\":\" payments/staging\",\"duration\":\"1h\",\"justification\":\"PAY-1 bug\"}", 400,
                        "invalid_request", "scope"),
                post("a number as the duration", "/v1/access-requests", ada,
                        "{\"scope\":\"payments/staging\",\"duration\":3600,\"justification\":\"PAY-1 bug\"}", 400,
                        "invalid_request", "duration"),
                post("an empty justification is a policy matter", "/v1/access-requests", ada,
                        "{\"scope\":\"payments/staging\",\"duration\":\"1h\",\"justification\":\"\"}", 422,
                        "policy_limit", "justification"),
                post("an empty sandbox name", "/v1/sandbox-tokens", ada, "{\"sandbox\":\"\"}", 400, "invalid_request",
                        "sandbox"),
                post("a sandbox name with a leading space", "/v1/sandbox-tokens", ada, "{\"sandbox\":\" payments-sandbox\"}",
                        400, "invalid_request", "sandbox"),
                post("an unknown query parameter", "/v1/secrets:resolve?debug=1", ada, "{\"refs\":[\"a\"]}", 400,
                        "invalid_request", "debug"),
                post("a refused call with a large body (read, not reset)", "/v1/secrets:resolve?debug=1", ada,
                        "{\"refs\":[\"" + "r".repeat(200_000) + "\"]}", 400, "invalid_request", "debug"),
                send("PUT", "a secret name over 63 characters with a 64 KiB value", "/v1/admin/secrets/payments/dev/"
                        + "n".repeat(64), root, bytes("{\"value\":\"" + "v".repeat(65_536) + "\"}"), 400, "invalid_request",
                        "name"),
                get("?limit=0 on the audit", "/v1/audit?limit=0", root, 400, "invalid_request", "limit"),
                get("?limit=100000000 on the audit", "/v1/audit?limit=100000000", root, 400, "invalid_request", "limit"),
                get("?all=4.17e279 on grants", "/v1/grants?all=4.17e279", ada, 400, "invalid_request", "all"),
                get("?wait=31 on events", "/v1/events?wait=31", ada, 400, "invalid_request", "wait"),
                get("an unknown query parameter on /v1/me", "/v1/me?x=1", ada, 400, "invalid_request", "x"),
                raw("TRACE", bytes("TRACE /v1/me HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"), 405,
                        "method_not_allowed", null),
                raw("DELETE on a read-only path", bytes("DELETE /v1/me HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + ada
                        + "\r\nConnection: close\r\n\r\n"), 405, "method_not_allowed", null),
                raw("no Host header", bytes("GET /v1/me HTTP/1.1\r\nConnection: close\r\n\r\n"), 400, "bad_request", null),
                raw("a NUL in a header", bytes("GET /v1/me HTTP/1.1\r\nHost: t\r\nX-A: a\u0000b\r\nConnection: close\r\n\r\n"),
                        400, "bad_request", null),
                raw("a bare CR in a header", bytes("GET /v1/me HTTP/1.1\r\nHost: t\r\nX-A: a\rb\r\nConnection: close\r\n\r\n"),
                        400, "bad_request", null),
                raw("a CRLF inside a header value", bytes("GET /v1/me HTTP/1.1\r\nHost: t\r\nX-A: a\r\nb\r\n"
                        + "Connection: close\r\n\r\n"), 400, "bad_request", null),
                raw("a space before a header's colon", bytes("POST /v1/secrets:resolve HTTP/1.1\r\nHost: t\r\n"
                        + "Transfer-Encoding : chunked\r\nConnection: close\r\n\r\n0\r\n\r\n"), 400, "bad_request", null),
                raw("Content-Length and Transfer-Encoding together", bytes("POST /v1/secrets:resolve HTTP/1.1\r\nHost: t\r\n"
                        + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n"), 400,
                        "bad_request", null),
                raw("two different Content-Lengths", bytes("POST /v1/secrets:resolve HTTP/1.1\r\nHost: t\r\n"
                        + "Content-Length: 5\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhello!"), 400, "bad_request", null),
                raw("the same Content-Length twice", bytes("POST /v1/secrets:resolve HTTP/1.1\r\nHost: t\r\n"
                        + "Content-Length: 6\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhello!"), 400, "bad_request", null),
                raw("an obfuscated Transfer-Encoding", bytes("POST /v1/secrets:resolve HTTP/1.1\r\nHost: t\r\n"
                        + "Transfer-Encoding: xchunked\r\nConnection: close\r\n\r\n0\r\n\r\n"), 400, "bad_request", null),
                raw("headers over the limit", bytes("GET /v1/me HTTP/1.1\r\nHost: t\r\nX-A: " + "a".repeat(20_000)
                        + "\r\nConnection: close\r\n\r\n"), 431, "headers_too_large", null),
                raw("a URL over the limit", bytes("GET /v1/me?" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: t\r\n"
                        + "Connection: close\r\n\r\n"), 414, "uri_too_long", null),
                raw("a body over the limit", bytes("POST /v1/secrets:resolve HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
                        + ada + "\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\nConnection: close\r\n\r\n"),
                        413, "payload_too_large", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachIsAJsonErrorOfTheApisShape(Case c) throws IOException {
        RawHttp.Response answer = RawHttp.exchange(BROKER.url(), c.request(), Duration.ofSeconds(15));

        assertThat(answer.status()).as("%s: %s", c.name(), answer.body()).isEqualTo(c.status());
        String[] requestLine = new String(c.request(), StandardCharsets.ISO_8859_1).split("\r\n", 2)[0].split(" ");
        answer.checkContract(requestLine[0], requestLine[1]);
        assertJsonError(answer, c.code());
        if (c.field() != null) {
            assertThat(answer.json().path("field").asText()).as(answer.body()).isEqualTo(c.field());
        }
        if (c.status() == 405) {
            assertThat(answer.header("Allow")).as("Allow").isNotBlank().doesNotContain("TRACE").doesNotContain("DELETE");
        }
    }

    @Test
    void aCallRefusedBeforeItsBodyArrivedKeepsItsConnection() throws Exception {
        byte[] body = bytes("{\"value\":\"" + "v".repeat(65_536) + "\"}");
        String head = "PUT /v1/admin/secrets/payments/dev/" + "n".repeat(64) + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
                + root + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";

        try (Socket socket = RawHttp.connect(BROKER.url(), null)) {
            long t0 = System.nanoTime();
            socket.getOutputStream().write(bytes(head));
            socket.getOutputStream().write(body, 0, 1_000);
            socket.getOutputStream().flush();
            // The path is refused before the body is read; the rest of the body comes later, as a
            // client writing a large body in pieces sends it. Closing the connection on it would
            // race the client's next call on the same connection (a reset, no answer at all).
            Thread.sleep(300);
            socket.getOutputStream().write(body, 1_000, body.length - 1_000);
            socket.getOutputStream().flush();
            RawHttp.Response refused = RawHttp.read(socket, Duration.ofSeconds(15), t0);

            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().path("field").asText()).isEqualTo("name");
            assertThat(refused.header("Connection")).as("Connection").isNull();
            socket.getOutputStream().write(bytes("GET /.well-known/latchkey HTTP/1.1\r\nHost: t\r\n\r\n"));
            assertThat(RawHttp.read(socket, Duration.ofSeconds(15), System.nanoTime()).status()).isEqualTo(200);
        }
    }

    @Test
    void anEmptyJustificationPassesTheDocumentAndADryRunNamesThePolicysProblem() throws IOException {
        Case dryRun = post("dry run", "/v1/access-requests?dryRun", ada,
                "{\"scope\":\"payments/staging\",\"duration\":\"1h\",\"justification\":\"\"}", 200, null, null);

        RawHttp.Response answer = RawHttp.exchange(BROKER.url(), dryRun.request(), Duration.ofSeconds(15));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        answer.checkContract("POST", "/v1/access-requests?dryRun");
        assertThat(answer.json().path("problems").findValuesAsText("field")).contains("justification");
    }

    @Test
    void aContentLengthLargerThanTheBodyIsAnsweredWithinTheReadTimeout() throws IOException {
        String body = "{\"refs\":[\"a\"]}";
        String request = "POST /v1/secrets:resolve HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + ada
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (body.length() + 100) + "\r\n\r\n" + body;

        RawHttp.Response answer = RawHttp.exchange(BROKER.url(), request, Duration.ofSeconds(25));

        assertThat(answer.status()).as(answer.body()).isEqualTo(408);
        assertJsonError(answer, "request_timeout");
        assertThat(answer.took()).isLessThanOrEqualTo(ServerLimits.DEFAULTS.requestRead());
        System.out.printf("a stalled body was answered 408 after %d ms%n", answer.took().toMillis());
    }

    @Test
    void stalledHeadersAreAnsweredWithinTheReadTimeout() throws IOException {
        RawHttp.Response answer = RawHttp.exchange(BROKER.url(), "GET /v1/me HTTP/1.1\r\nHost: t\r\nX-Partial: ",
                Duration.ofSeconds(25));

        assertThat(answer.status()).as(answer.body()).isEqualTo(408);
        assertJsonError(answer, "request_timeout");
        assertThat(answer.took()).isLessThanOrEqualTo(ServerLimits.DEFAULTS.requestRead());
    }

    @Test
    void theDefaultsBoundEveryRequestToTenSeconds() {
        assertThat(ServerLimits.DEFAULTS.requestRead()).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(ServerLimits.DEFAULTS.requestStall()).isLessThanOrEqualTo(ServerLimits.DEFAULTS.requestRead());
    }

    static void assertJsonError(RawHttp.Response answer, String code) {
        assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/json");
        assertThat(answer.json().path("error").asText()).as(answer.body()).isEqualTo(code);
        assertThat(answer.json().path("message").asText()).isNotBlank();
        assertThat(answer.body()).doesNotContain("<html").doesNotContain("Exception").doesNotContain("\tat ");
        answer.json().properties().forEach(p -> assertThat(p.getKey()).isIn("error", "message", "field"));
    }

    private static Case post(String name, String path, String token, String json, int status, String code, String field) {
        return post(name, path, token, json, "application/json", status, code, field);
    }

    private static Case post(String name, String path, String token, String json, String type, int status, String code,
            String field) {
        return post(name, path, token, json.getBytes(StandardCharsets.UTF_8), type, status, code, field);
    }

    private static Case post(String name, String path, String token, byte[] body, String type, int status, String code,
            String field) {
        return send("POST", name, path, token, body, type, status, code, field);
    }

    private static Case send(String method, String name, String path, String token, byte[] body, int status, String code,
            String field) {
        return send(method, name, path, token, body, "application/json", status, code, field);
    }

    private static Case send(String method, String name, String path, String token, byte[] body, String type, int status,
            String code, String field) {
        String head = method + " " + path + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + token + "\r\nContent-Type: "
                + type + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] out = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, out, 0, head.length());
        System.arraycopy(body, 0, out, head.length(), body.length);
        return new Case(name, out, status, code, field);
    }

    private static Case get(String name, String path, String token, int status, String code, String field) {
        return new Case(name, bytes("GET " + path + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + token
                + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n"), status, code, field);
    }

    private static Case raw(String name, byte[] request, int status, String code, String field) {
        return new Case(name, request, status, code, field);
    }

    /** Each char as one byte: lets a case hold bytes that are not UTF-8. */
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
