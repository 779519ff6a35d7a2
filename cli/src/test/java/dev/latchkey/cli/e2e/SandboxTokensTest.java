package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --sandbox}: a token minted by the dev broker reaches the child, verifies as active at
 * {@code /v1/introspect}, is kept in the session's keychain entries, and starts a launch while the
 * broker is down, which says so and says how old the token is.
 */
class SandboxTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void aMintedSandboxTokenReachesTheChildAndVerifiesAtIntrospect() throws Exception {
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            String ada = DevSignIn.accessToken(broker.url(), "ada");
            CliRun run = CliRun.of(home, Map.of("LATCHKEY_BROKER", broker.url().toString()), () -> ada,
                    "run", "--no-mask", "--sandbox", "SANDBOX_TOKEN=payments-sandbox:10m", "--", "sh", "-c", "echo \"$SANDBOX_TOKEN\"");
            assertThat(run.exitCode).as(run.toString()).isZero();
            String token = run.childOut.strip();
            assertThat(token).isNotEmpty();

            JsonNode answer = introspect(broker.url(), ada, token);
            assertThat(answer.path("active").asBoolean()).as(answer.toString()).isTrue();
            assertThat(answer.path("sandbox").asText()).isEqualTo("payments-sandbox");
            assertThat(answer.path("scope").asText()).isEqualTo("payments/dev");
            assertThat(answer.path("username").asText()).isEqualTo("ada");
            long ttl = answer.path("exp").asLong() - answer.path("iat").asLong();
            assertThat(ttl).isBetween(1L, Duration.ofMinutes(10).toSeconds());

            CliRun masked = CliRun.of(home, Map.of("LATCHKEY_BROKER", broker.url().toString()), () -> ada,
                    "run", "--sandbox", "SANDBOX_TOKEN=payments-sandbox", "--", "sh", "-c", "echo \"$SANDBOX_TOKEN\"");
            assertThat(masked.childOut).isEqualTo("<latchkey:SANDBOX_TOKEN>\n");

            CliRun list = CliRun.of(home, Map.of("LATCHKEY_BROKER", broker.url().toString()), () -> ada, "sandboxes", "--json");
            assertThat(list.exitCode).as(list.toString()).isZero();
            assertThat(list.out).contains("\"name\" : \"payments-sandbox\"", "\"mayMint\" : true");
        }
    }

    @Test
    void aSandboxOfAScopeAdaMayNotReadNowIsRefusedWithTheRequestHint() throws Exception {
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            String ada = DevSignIn.accessToken(broker.url(), "ada");
            Path marker = home.resolve("started");
            CliRun run = CliRun.of(home, Map.of("LATCHKEY_BROKER", broker.url().toString()), () -> ada,
                    "run", "--sandbox", "T=staging-sandbox", "--", "touch", marker.toString());
            assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.ACCESS_DENIED);
            assertThat(run.err).contains("latchkey request payments/staging");
            assertThat(marker).doesNotExist();
        }
    }

    @Test
    void offlineALaunchUsesTheKeptSandboxTokenAndSaysHowOldItIs() throws Exception {
        // The real keychain (the Secret Service CI starts) when there is one: the kept token must survive there.
        CredentialStore keychain = KeychainProbe.open();
        if (keychain.mode() instanceof StorageMode.MemoryOnly m) {
            if ("true".equals(System.getenv("LATCHKEY_REQUIRE_REAL_PARTS"))) {
                fail("LATCHKEY_REQUIRE_REAL_PARTS is set but no keychain works: " + m.reason());
            }
            System.err.println("NOTE: offline sandbox test runs on an in-memory store: no keychain (" + m.reason() + ")");
        }
        String token;
        CliRun.World ada;
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            ada = DevLogin.signedIn(home, broker.url(), "ada", keychain);
            CliRun online = ada.run("run", "--no-mask", "--sandbox", "T=payments-sandbox:10m", "--", "sh", "-c", "echo \"$T\"");
            assertThat(online.exitCode).as(online.toString()).isZero();
            token = online.childOut.strip();
            assertThat(online.err).doesNotContain("OFFLINE");
        }
        // The broker is gone now; the session and the kept token are still in the (test) keychain.
        CliRun offline = ada.run("run", "--no-mask", "--sandbox", "T=payments-sandbox:10m", "--", "sh", "-c", "echo \"$T\"");
        assertThat(offline.exitCode).as(offline.toString()).isZero();
        assertThat(offline.childOut.strip()).isEqualTo(token);
        assertThat(offline.err).contains("OFFLINE", "T (payments-sandbox, minted ", " ago, valid ")
                .doesNotContain(token);

        // A shorter lifetime than the kept token has cannot be honoured by the token; the launch says
        // so and treats it as ending when asked.
        CliRun shorter = ada.run("run", "--no-mask", "--sandbox", "T=payments-sandbox:2m", "--", "sh", "-c", "echo \"$T\"");
        assertThat(shorter.exitCode).as(shorter.toString()).isZero();
        assertThat(shorter.childOut.strip()).isEqualTo(token);
        assertThat(shorter.err).contains("you asked for 2m: a kept token cannot be shortened",
                "this launch treats it as ending in 2m").doesNotContain(token);

        CliRun withRef = ada.run("run", "--sandbox", "T=payments-sandbox", "--env", "DB=latchkey://payments/dev/db-url",
                "--", "true");
        assertThat(withRef.exitCode).as(withRef.toString()).isEqualTo(ExitCodes.BROKER_UNREACHABLE);
        assertThat(withRef.err).contains("secret values are never kept on this machine");

        CliRun otherSandbox = ada.run("run", "--sandbox", "T=staging-sandbox", "--", "true");
        assertThat(otherSandbox.exitCode).isEqualTo(ExitCodes.BROKER_UNREACHABLE);
        assertThat(otherSandbox.err).contains("no valid sandbox token is kept on this machine for staging-sandbox");

        try (var files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(token);
            }
        }
        // Signing out works offline too and takes the kept tokens with the session.
        assertThat(ada.run("logout").exitCode).isZero();
        CliRun afterLogout = ada.run("run", "--sandbox", "T=payments-sandbox", "--", "true");
        assertThat(afterLogout.exitCode).as(afterLogout.toString()).isNotZero();
    }

    static JsonNode introspect(URI broker, String bearer, String token) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(broker.resolve("/v1/introspect"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }
    }
}
