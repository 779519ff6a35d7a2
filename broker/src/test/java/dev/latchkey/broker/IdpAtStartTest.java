package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.latchkey.broker.identity.IssuerCheck;
import dev.latchkey.broker.testing.TestIssuer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A production broker meets its IdP at start: a wrong, slashed or unreachable issuer, a missing key
 * set or device sign-in stop it with a clear message (or, when unreachable and allowed, a loud
 * warning), and {@code offline_access} is asked for only when the operator turns it on and the IdP
 * lists it.
 */
class IdpAtStartTest {

    @TempDir
    Path dir;

    private HttpServer idp;
    private URI issuer;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startIdp() throws IOException {
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = URI.create("http://127.0.0.1:" + idp.getAddress().getPort() + "/realms/acme");
        idp.createContext("/", ex -> {
            String body = answers.get(ex.getRequestURI().getPath());
            byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(bytes);
            }
        });
        idp.start();
        discovery(issuer.toString(), true, "[\"openid\",\"profile\",\"email\",\"offline_access\"]");
        answers.put("/realms/acme/keys", "{\"keys\":[" + TestIssuer.newKey("k1").toPublicJWK().toJSONString() + "]}");
    }

    @AfterEach
    void stopIdp() {
        idp.stop(0);
    }

    private void discovery(String named, boolean device, String scopes) {
        answers.put("/realms/acme/.well-known/openid-configuration", "{\"issuer\":\"" + named + "\",\"jwks_uri\":\""
                + issuer + "/keys\",\"token_endpoint\":\"" + issuer + "/token\""
                + (device ? ",\"device_authorization_endpoint\":\"" + issuer + "/device\"" : "")
                + ",\"scopes_supported\":" + scopes + "}");
    }

    private int start(String... extra) throws IOException {
        String[] base = {"--port", "0", "--policy", policyFile().toString(), "--master-key-file", keyFile().toString(),
                "--db", "jdbc:h2:mem:idp-at-start-" + System.nanoTime()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return BrokerMain.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void anIssuerWithATrailingSlashTheIdpDoesNotUseStopsTheStartNamingTheRightOne() throws Exception {
        assertThat(start("--issuer", issuer + "/")).isEqualTo(1);
        assertThat(err.toString()).contains("latchkey-broker: cannot start: the IdP does not fit:",
                "names its issuer '" + issuer + "', not '" + issuer + "/' (the trailing slash differs)",
                "give --issuer " + issuer);
        assertThat(out.toString()).doesNotContain("listening");
    }

    @Test
    void anIssuerWithoutDiscoveryOrDeviceSignInOrKeysStopsTheStart() throws Exception {
        assertThat(start("--issuer", issuer.resolve("/realms/other").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("answered HTTP 404; check --issuer (for Keycloak it is https://HOST/realms/REALM)");

        err.reset();
        discovery(issuer.toString(), false, "[]");
        assertThat(start("--issuer", issuer.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("does not offer the device authorization grant", "client latchkey");

        err.reset();
        discovery(issuer.toString(), true, "[]");
        answers.put("/realms/acme/keys", "{\"keys\":[]}");
        assertThat(start("--issuer", issuer.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("holds no keys");
    }

    @Test
    void anUnreachableIdpStopsTheStartUnlessAllowedThenTheBrokerWarnsLoudlyAndServes() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        URI down = URI.create("http://127.0.0.1:" + closed + "/realms/acme");
        assertThat(start("--issuer", down.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("the IdP at " + down + " cannot be reached", "--allow-unreachable-idp");

        BrokerConfig allowed = BrokerMain.parse("--port", "0", "--issuer", down.toString(), "--allow-unreachable-idp",
                "--db", "jdbc:h2:mem:unreachable-" + System.nanoTime(), "--policy", policyFile().toString(),
                "--master-key-file", keyFile().toString());
        try (RunningBroker broker = LatchkeyBroker.start(allowed)) {
            assertThat(wellKnown(broker)).contains("\"scopes\":\"openid profile email\"");
        }
    }

    @Test
    void offlineAccessIsAskedForOnlyWhenTurnedOnAndListedByTheIdp() throws Exception {
        BrokerConfig base = BrokerMain.parse("--port", "0", "--issuer", issuer.toString(), "--db",
                "jdbc:h2:mem:offline-" + System.nanoTime(), "--policy", policyFile().toString(),
                "--master-key-file", keyFile().toString());
        try (RunningBroker broker = LatchkeyBroker.start(base)) {
            assertThat(wellKnown(broker)).contains("\"scopes\":\"openid profile email\"");
        }
        try (RunningBroker broker = LatchkeyBroker.start(base.withSignIn(base.signIn().withOfflineAccess(true)))) {
            assertThat(wellKnown(broker)).contains("\"scopes\":\"openid profile email offline_access\"");
        }
        discovery(issuer.toString(), true, "[\"openid\",\"profile\",\"email\"]");
        assertThat(start("--issuer", issuer.toString(), "--offline-access")).isEqualTo(1);
        assertThat(err.toString()).contains("offline access is on (--offline-access), but the IdP at " + issuer
                + " does not list offline_access");
        assertThat(BrokerMain.parse("--dev", "--sign-in-scopes", "openid groups").signIn().scopes())
                .isEqualTo("openid groups");
    }

    @Test
    void theTestsStandInIssuerFitsSoBrokerProcessesStartedAgainstItPassTheCheck() throws Exception {
        try (TestIssuer standIn = new TestIssuer(Clock.systemUTC())) {
            assertThat(new IssuerCheck().check(standIn.issuer(), "latchkey")).isInstanceOf(IssuerCheck.Fit.class);
        }
    }

    @Test
    void theHelpNamesEveryOptionAndExitsZero() {
        assertThat(BrokerMain.run(new String[] {"--help"}, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString()).startsWith("usage: latchkey-broker").contains("--issuer=URL", "--client-id=ID",
                "--groups-claim=NAME", "--policy=FILE", "--master-key-file=F", "--db=JDBC-URL", "--offline-access",
                "--sign-in-scopes=SCOPES", "--allow-unreachable-idp", "--tls-keystore=F.p12", "--tls-password-env=VAR",
                "--insecure-http", "--grant-warning=D", "--dev", "secrets", "Exit codes:", "docs/deploy.md");
    }

    private Path policyFile() throws IOException {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "admins: [ops]\nscopes:\n  a/dev:\n    read: [x]\n");
        return policy;
    }

    private Path keyFile() throws IOException {
        Path key = dir.resolve("master.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        return key;
    }

    private static String wellKnown(RunningBroker broker) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return http.send(HttpRequest.newBuilder(broker.url().resolve("/.well-known/latchkey"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
