package dev.latchkey.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.latchkey.core.Session;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed answers at every step of signing in and refreshing. Each must end in a typed
 * {@link AuthException} whose message names what to do, within the call timeout, and never
 * holds a token, a device code or a body that carried one.
 */
class BadInputCorpusTest {

    private static final Duration CALL_TIMEOUT = Duration.ofMillis(800);
    /** A JWT-shaped token an IdP might echo. */
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEiLCJ0eXAiOiJSZWZyZXNoIn0.c2lnbmF0dXJlLXNlY3JldA";
    private static final List<String> SECRETS = List.of("AT-SECRET-1f9e", "RT-SECRET-77ab", "DEVICE-SECRET-c3d2", JWT);
    private static final String HUGE = "{\"pad\":\"" + "A".repeat(300 * 1024) + "\"}";

    /** The step whose answer is broken. */
    enum Step { WELL_KNOWN, DISCOVERY, DEVICE, POLL, REFRESH }

    @TempDir
    Path locks;

    record Case(String name, Step step, Function<String, MockResponse> answer) {
        @Override
        public String toString() {
            return step + ": " + name;
        }
    }

    static Stream<Arguments> corpus() {
        List<Case> cases = new ArrayList<>();
        for (Step step : Step.values()) {
            generic(cases, step);
        }
        wellKnown(cases);
        discovery(cases);
        device(cases);
        tokens(cases, Step.POLL);
        tokens(cases, Step.REFRESH);
        return cases.stream().map(Arguments::of);
    }

    private static void generic(List<Case> c, Step s) {
        c.add(new Case("truncated JSON", s, base -> json(200, "{\"access_token\":\"AT-SECRET-1f9e\",\"tok")));
        c.add(new Case("empty body", s, base -> json(200, "")));
        c.add(new Case("a JSON array", s, base -> json(200, "[\"AT-SECRET-1f9e\"]")));
        c.add(new Case("a JSON string", s, base -> json(200, "\"RT-SECRET-77ab\"")));
        c.add(new Case("JSON null", s, base -> json(200, "null")));
        c.add(new Case("an HTML error page", s, base -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "text/html").body("<html><body>Login AT-SECRET-1f9e</body></html>").build()));
        c.add(new Case("HTTP 500 with JSON", s, base -> json(500, "{\"error\":\"server_error\"}")));
        c.add(new Case("HTTP 503 HTML", s, base -> new MockResponse.Builder().code(503)
                .addHeader("Content-Type", "text/html; charset=utf-8").body("<h1>Down RT-SECRET-77ab</h1>").build()));
        c.add(new Case("redirect to plain http", s, base -> new MockResponse.Builder().code(302)
                .addHeader("Location", "http://idp.example.com/steal?code=DEVICE-SECRET-c3d2").build()));
        c.add(new Case("HTTP 404 text", s, base -> new MockResponse.Builder().code(404)
                .addHeader("Content-Type", "text/plain").body("not found").build()));
        c.add(new Case("a huge body", s, base -> json(200, HUGE)));
        c.add(new Case("a body slower than the timeout", s, base -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/json").body("{\"a\":1}").bodyDelay(3, TimeUnit.SECONDS).build()));
        c.add(new Case("headers slower than the timeout", s, base -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/json").body("{}").headersDelay(3, TimeUnit.SECONDS).build()));
        c.add(new Case("XML", s, base -> json(200, "<token>AT-SECRET-1f9e</token>")));
    }

    private static void wellKnown(List<Case> c) {
        Step s = Step.WELL_KNOWN;
        c.add(new Case("no issuer", s, base -> json(200, "{\"clientId\":\"latchkey\"}")));
        c.add(new Case("issuer is a number", s, base -> json(200, "{\"issuer\":42,\"clientId\":\"latchkey\"}")));
        c.add(new Case("issuer over plain http elsewhere", s,
                base -> json(200, "{\"issuer\":\"http://idp.example.com/realms/x\",\"clientId\":\"latchkey\"}")));
        c.add(new Case("issuer not a URL", s, base -> json(200, "{\"issuer\":\"not a url at all\",\"clientId\":\"latchkey\"}")));
        c.add(new Case("issuer ftp", s, base -> json(200, "{\"issuer\":\"ftp://127.0.0.1/x\",\"clientId\":\"latchkey\"}")));
        c.add(new Case("no clientId", s, base -> json(200, "{\"issuer\":\"" + base + "idp\"}")));
        c.add(new Case("issuer is null", s, base -> json(200, "{\"issuer\":null,\"clientId\":\"latchkey\"}")));
        c.add(new Case("clientId is blank", s, base -> json(200, "{\"issuer\":\"" + base + "idp\",\"clientId\":\" \"}")));
        c.add(new Case("scopes is a number", s, base -> json(200, "{\"issuer\":\"" + base + "idp\",\"clientId\":\"latchkey\",\"scopes\":7}")));
        c.add(new Case("clientId is an object", s, base -> json(200, "{\"issuer\":\"" + base + "idp\",\"clientId\":{}}")));
    }

    private static void discovery(List<Case> c) {
        Step s = Step.DISCOVERY;
        c.add(new Case("issuer mismatch", s, base -> json(200, discoveryDoc(base).replace(base + "idp\",", "https://other.example.com\","))));
        c.add(new Case("no device endpoint", s, base -> json(200, discoveryDoc(base).replace("device_authorization_endpoint", "x"))));
        c.add(new Case("device endpoint over plain http elsewhere", s,
                base -> json(200, discoveryDoc(base).replace(base + "idp/device", "http://idp.example.com/device"))));
        c.add(new Case("no token endpoint", s, base -> json(200, discoveryDoc(base).replace("token_endpoint", "y"))));
        c.add(new Case("token endpoint is a list", s,
                base -> json(200, discoveryDoc(base).replace("\"" + base + "idp/token\"", "[\"" + base + "idp/token\"]"))));
        c.add(new Case("token endpoint is null", s, base -> json(200, discoveryDoc(base).replace("\"" + base + "idp/token\"", "null"))));
        c.add(new Case("issuer is true", s, base -> json(200, discoveryDoc(base).replace("\"" + base + "idp\",", "true,"))));
        c.add(new Case("revocation over plain http elsewhere", s,
                base -> json(200, discoveryDoc(base).replace(base + "idp/revoke", "http://idp.example.com/revoke"))));
    }

    private static void device(List<Case> c) {
        Step s = Step.DEVICE;
        c.add(new Case("no device_code", s, base -> json(200, deviceDoc(base).replace("\"device_code\"", "\"dc\""))));
        c.add(new Case("empty device_code", s, base -> json(200, deviceDoc(base).replace("DEVICE-SECRET-c3d2", ""))));
        c.add(new Case("user_code is a number", s, base -> json(200, deviceDoc(base).replace("\"WDJB-MJHT\"", "1234"))));
        c.add(new Case("no verification_uri", s, base -> json(200, deviceDoc(base).replace("verification_uri", "v"))));
        c.add(new Case("verification_uri over http elsewhere", s,
                base -> json(200, deviceDoc(base).replace("\"" + base + "verify\"", "\"http://phish.example.com/verify\""))));
        c.add(new Case("device_code is null", s, base -> json(200, deviceDoc(base).replace("\"DEVICE-SECRET-c3d2\"", "null"))));
        c.add(new Case("verification_uri is a list", s,
                base -> json(200, deviceDoc(base).replace("\"" + base + "verify\"", "[\"" + base + "verify\"]"))));
        c.add(new Case("expires_in is null", s, base -> json(200, deviceDoc(base).replace("\"expires_in\":600", "\"expires_in\":null"))));
        c.add(new Case("negative expires_in", s, base -> json(200, deviceDoc(base).replace("\"expires_in\":600", "\"expires_in\":-5"))));
        c.add(new Case("zero expires_in", s, base -> json(200, deviceDoc(base).replace("\"expires_in\":600", "\"expires_in\":0"))));
        c.add(new Case("expires_in is words", s, base -> json(200, deviceDoc(base).replace("\"expires_in\":600", "\"expires_in\":\"soon\""))));
        c.add(new Case("no expires_in", s, base -> json(200, deviceDoc(base).replace("\"expires_in\":600,", ""))));
        c.add(new Case("negative interval", s, base -> json(200, deviceDoc(base).replace("\"interval\":1", "\"interval\":-1"))));
        c.add(new Case("huge interval", s, base -> json(200, deviceDoc(base).replace("\"interval\":1", "\"interval\":99999999"))));
        c.add(new Case("fractional interval", s, base -> json(200, deviceDoc(base).replace("\"interval\":1", "\"interval\":0.5"))));
        c.add(new Case("refused: unauthorized_client", s, base -> json(400, "{\"error\":\"unauthorized_client\"}")));
    }

    private static void tokens(List<Case> c, Step s) {
        c.add(new Case("no access_token", s, base -> json(200, tokenDoc(base, "latchkey").replace("\"access_token\"", "\"at\""))));
        c.add(new Case("access_token is a number", s, base -> json(200, tokenDoc(base, "latchkey").replace("\"AT-SECRET-1f9e\"", "7"))));
        c.add(new Case("access_token is null", s, base -> json(200, tokenDoc(base, "latchkey").replace("\"AT-SECRET-1f9e\"", "null"))));
        c.add(new Case("access_token is blank", s, base -> json(200, tokenDoc(base, "latchkey").replace("\"AT-SECRET-1f9e\"", "\"  \""))));
        c.add(new Case("token_type is a number", s, base -> json(200, tokenDoc(base, "latchkey").replace("\"Bearer\"", "1"))));
        c.add(new Case("expires_in is a fraction", s, base -> json(200, tokenDoc(base, "latchkey").replace("\"expires_in\":300", "\"expires_in\":300.5"))));
        c.add(new Case("token_type mac", s, base -> json(200, tokenDoc(base, "latchkey").replace("Bearer", "mac"))));
        c.add(new Case("no token_type", s, base -> json(200, tokenDoc(base, "latchkey").replace("\"token_type\":\"Bearer\",", ""))));
        c.add(new Case("negative expires_in", s, base -> json(200, tokenDoc(base, "latchkey").replace("\"expires_in\":300", "\"expires_in\":-300"))));
        c.add(new Case("expires_in is true", s, base -> json(200, tokenDoc(base, "latchkey").replace("\"expires_in\":300", "\"expires_in\":true"))));
        c.add(new Case("refresh_token is an array", s, base -> json(200, tokenDoc(base, "latchkey").replace("\"RT-SECRET-77ab\"", "[\"RT-SECRET-77ab\"]"))));
        // The description reaches the person, so an IdP echoing what it was sent, or any token, must not leak.
        String echoed = s == Step.POLL ? "DEVICE-SECRET-c3d2" : "RT-SECRET-77ab";
        c.add(new Case("unknown error with a token in its description", s,
                base -> json(400, "{\"error\":\"temporarily_unavailable\",\"error_description\":\"" + echoed + " " + JWT + "\"}")));
        c.add(new Case("invalid_grant echoing the token", s,
                base -> json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"token " + echoed + " unknown\"}")));
        c.add(new Case("error code with markup", s, base -> json(400, "{\"error\":\"<script>AT-SECRET-1f9e</script>\"}")));
        c.add(new Case("400 without an error", s, base -> json(400, "{\"message\":\"RT-SECRET-77ab\"}")));
        c.add(new Case("401 HTML", s, base -> new MockResponse.Builder().code(401)
                .addHeader("Content-Type", "text/html").body("<p>who are you</p>").build()));
        c.add(new Case("invalid_client", s, base -> json(401, "{\"error\":\"invalid_client\"}")));
        if (s == Step.POLL) {
            c.add(new Case("no id_token", s, base -> json(200, tokenDoc(base, "latchkey").replaceAll(",\"id_token\":\"[^\"]*\"", ""))));
            c.add(new Case("id_token not a JWT", s, base -> json(200, tokenDoc(base, "latchkey")
                        .replaceAll("\"id_token\":\"[^\"]*\"", "\"id_token\":\"AT-SECRET-1f9e\""))));
            c.add(new Case("id_token for another client", s, base -> json(200, tokenDoc(base, "someone-else"))));
            c.add(new Case("id_token from another issuer", s, base -> json(200, tokenDoc("https://evil.example.com/", "latchkey"))));
            c.add(new Case("id_token claims not JSON", s, base -> json(200, tokenDoc(base, "latchkey")
                    .replaceAll("\"id_token\":\"[^\"]*\"", "\"id_token\":\"e30." + b64("not json") + ".sig\""))));
            c.add(new Case("id_token without subject", s, base -> json(200, tokenDoc(base, "latchkey")
                    .replaceAll("\"id_token\":\"[^\"]*\"", "\"id_token\":\"e30." + b64("{\"iss\":\"" + base + "idp\",\"aud\":\"latchkey\"}") + ".sig\""))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aBrokenAnswerIsATypedActionableErrorWithoutTokens(Case broken) throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start(InetAddress.getLoopbackAddress(), 0);
            String base = server.url("/").toString();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String path = request.getTarget();
                    Step step = path.startsWith("/.well-known/latchkey") ? Step.WELL_KNOWN
                            : path.startsWith("/idp/.well-known") ? Step.DISCOVERY
                            : path.startsWith("/idp/device") ? Step.DEVICE
                            : path.startsWith("/idp/token") && broken.step() == Step.REFRESH ? Step.REFRESH
                            : path.startsWith("/idp/token") ? Step.POLL : null;
                    if (step == broken.step()) {
                        return broken.answer().apply(base);
                    }
                    return switch (step) {
                        case WELL_KNOWN -> json(200, "{\"issuer\":\"" + base + "idp\",\"clientId\":\"latchkey\",\"scopes\":\"openid\"}");
                        case DISCOVERY -> json(200, discoveryDoc(base));
                        case DEVICE -> json(200, deviceDoc(base));
                        case POLL, REFRESH -> json(200, tokenDoc(base, "latchkey"));
                        case null -> new MockResponse.Builder().code(404).build();
                    };
                }
            });
            InMemoryCredentialStore store = new InMemoryCredentialStore();
            URI broker = URI.create(base.substring(0, base.length() - 1));
            Session session = Session.builder(broker).credentialStore(store).lockDirectory(locks)
                    .callTimeout(CALL_TIMEOUT).pause(d -> { }).build();
            long t0 = System.nanoTime();
            Throwable thrown;
            if (broken.step() == Step.REFRESH) {
                seedExpiredSession(store, broker);
                thrown = catchThrowable(session::accessToken);
            } else {
                thrown = catchThrowable(() -> session.signIn(p -> { }));
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;

            assertThat(thrown).as(broken.toString()).isInstanceOf(AuthException.class);
            String message = thrown.getMessage();
            assertThat(message).as("actionable: names where and what to do")
                    .containsAnyOf("://", "sign in again", "try again", "broker URL");
            assertThat(message).containsAnyOf("check", "try", "sign in", "ask", "Use", "use", "Latchkey needs", "not");
            for (String secret : SECRETS) {
                assertThat(message).doesNotContain(secret);
                assertThat(String.valueOf(thrown.getCause())).doesNotContain(secret);
            }
            assertThat(ms).as("ends within its timeout").isLessThan(CALL_TIMEOUT.toMillis() * 4 + 1500);
        }
    }

    @org.junit.jupiter.api.Test
    void theCorpusHasAtLeastSixtyCases() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(60);
    }

    private static void seedExpiredSession(InMemoryCredentialStore store, URI broker) {
        String service = CredentialKey.serviceOf(broker);
        store.write(new CredentialKey(service, "current-user"), "ada");
        store.write(CredentialKey.of(broker, "ada", "user"), "{\"subject\":\"ada\",\"name\":\"Ada\",\"email\":\"\",\"groups\":[]}");
        store.write(CredentialKey.of(broker, "ada", "refresh-token"), "RT-SECRET-77ab");
        store.write(CredentialKey.of(broker, "ada", "access-token"), "{\"token\":\"AT-SECRET-1f9e\",\"expiresAt\":1}");
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static String discoveryDoc(String base) {
        return "{\"issuer\":\"" + base + "idp\",\"device_authorization_endpoint\":\"" + base + "idp/device\","
                + "\"token_endpoint\":\"" + base + "idp/token\",\"revocation_endpoint\":\"" + base + "idp/revoke\"}";
    }

    private static String deviceDoc(String base) {
        return "{\"device_code\":\"DEVICE-SECRET-c3d2\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":\"" + base
                + "verify\",\"expires_in\":600,\"interval\":1}";
    }

    private static String tokenDoc(String base, String audience) {
        String claims = "{\"iss\":\"" + base + "idp\",\"aud\":\"" + audience + "\",\"sub\":\"ada\",\"name\":\"Ada\"}";
        return "{\"access_token\":\"AT-SECRET-1f9e\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"refresh_token\":\"RT-SECRET-77ab\",\"id_token\":\"e30." + b64(claims) + ".sig\"}";
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
