package dev.latchkey.cli.production;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import dev.latchkey.testsupport.broker.BrokerProcess;
import dev.latchkey.testsupport.keycloak.KeycloakAdmin;
import dev.latchkey.testsupport.keycloak.KeycloakBrowser;
import dev.latchkey.testsupport.keycloak.KeycloakExtension;
import dev.latchkey.testsupport.keycloak.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production path, as an operator deploys it and people use it: Keycloak with the realm file
 * docs/deploy.md gives (test users added, no role granted by hand), the real broker jar started
 * with the command docs/deploy.md gives (H2 file, master key file, policy file), and the real CLI
 * jar as each person's process, keeping its session in the real Secret Service. Ada and Grace are
 * two OS accounts sharing that Secret Service. The steps run in order and build on each other.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionPathIT {

    /** Short, so a renewal happens within the test: the CLI renews a token with under 30 s left. */
    static final Duration ACCESS_TOKEN_LIFESPAN = Duration.ofSeconds(36);
    /** How long until every access token issued before now needs renewing. */
    static final Duration UNTIL_STALE = ACCESS_TOKEN_LIFESPAN.minusSeconds(30).plusSeconds(2);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String devDbUrl = "postgres://payments:pw-" + hex() + "@dev-db/payments";
    private final String prodStripeKey = "sk_live_" + hex();
    private final List<AutoCloseable> running = new ArrayList<>();

    private KeycloakServer keycloak;
    private KeycloakAdmin admin;
    private Path dir;
    private List<String> brokerArgs;
    private BrokerProcess broker;
    private CliJar ada;
    private CliJar grace;

    @BeforeAll
    void deployAsTheGuideSays(KeycloakServer keycloak) throws Exception {
        if (!(KeychainProbe.open().mode() instanceof StorageMode.Keychain)) {
            RealParts.missing("no Secret Service for the CLI's sessions (run inside dbus-run-session with .ci/with-keyring)");
        }
        this.keycloak = keycloak;
        this.admin = new KeycloakAdmin(keycloak);
        admin.setAccessTokenLifespan("latchkey", ACCESS_TOKEN_LIFESPAN);
        dir = Files.createTempDirectory("latchkey-production");
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                admins: [latchkey-admins]
                scopes:
                  payments/dev:
                    read: [payments-dev]
                    secrets:
                      db-url: {description: the dev database}
                  payments/prod:
                    request: [payments-dev]
                    maxRequest: 1h
                    approve: [payments-leads]
                    secrets:
                      stripe-api-key: {description: live Stripe key}
                """);
        Path key = dir.resolve("master.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(RANDOM.generateSeed(32)) + "\n");
        brokerArgs = DeployGuide.keycloakBrokerArgs(keycloak.base(), policy, key, dir.resolve("data").resolve("broker"));
        brokerArgs.addAll(List.of("--port", "0"));

        putSecret("payments/dev", "db-url", devDbUrl);
        putSecret("payments/prod", "stripe-api-key", prodStripeKey);
        broker = started(BrokerJar.start(dir, brokerArgs));
        System.out.println("$ java -jar latchkey-broker.jar " + String.join(" ", brokerArgs) + "\nLatchkey broker listening on "
                + broker.url());
        ada = new CliJar(Files.createDirectories(dir.resolve("home-ada")), "ada-os");
        grace = new CliJar(Files.createDirectories(dir.resolve("home-grace")), "grace-os");
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : running.reversed()) {
            c.close();
        }
    }

    @Test
    @Order(1)
    void adaSignsInThroughKeycloaksFormWithTheRealmFileAndNoRoleGrantedByHand() throws Exception {
        assertThat(get(broker.url().resolve("/.well-known/latchkey")).path("scopes").asText())
                .isEqualTo("openid profile email");

        Ran login = show("ada: latchkey login --broker " + broker.url() + " --no-browser",
                ada.login(broker.url(), as("ada")));

        assertThat(login.exit()).as(login.toString()).isZero();
        assertThat(login.out()).contains("Signed in to " + broker.url() + " as Ada Lovelace <ada@example.com>.",
                "kept in the OS keychain");
    }

    @Test
    @Order(2)
    void statusAndARunMaskedAndUnmasked() throws Exception {
        Ran status = show("ada: latchkey status", ada.run("status"));
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("User:    Ada Lovelace <ada@example.com>", "OS keychain", "Grants:  none active");

        Ran masked = ada.run("run", "--env", "DB_URL=latchkey://payments/dev/db-url", "--", "sh", "-c", "echo \"$DB_URL\"");
        assertThat(masked.exit()).as(masked.toString()).isZero();
        assertThat(masked.out()).isEqualTo("<latchkey:DB_URL>\n");

        Ran unmasked = ada.run("run", "--no-mask", "--env", "DB_URL=latchkey://payments/dev/db-url", "--", "sh", "-c",
                "echo \"$DB_URL\"");
        assertThat(unmasked.out()).isEqualTo(devDbUrl + "\n");
    }

    @Test
    @Order(3)
    void graceOnTheSameKeychainApprovesAdasRequestWhileAdaStaysAda() throws Exception {
        Ran request = ada.run("request", "payments/prod", "--duration", "30m", "--reason", "PAY-1 refund check", "--json");
        assertThat(request.exit()).as(request.toString()).isZero();
        String id = JSON.readTree(request.out()).path("id").asText();

        Ran login = grace.login(broker.url(), as("grace"));
        assertThat(login.exit()).as(login.toString()).isZero();
        assertThat(ada.run("status").out()).as("another OS account signing in replaces nobody's session")
                .contains("User:    Ada Lovelace");

        Ran toReview = show("grace: latchkey requests --to-review", grace.run("requests", "--to-review"));
        assertThat(toReview.out()).contains(id, "Ada Lovelace (ada)", "PAY-1 refund check");
        Ran approve = grace.run("approve", id, "--reason", "go ahead");
        assertThat(approve.exit()).as(approve.toString()).isZero();

        Ran run = ada.run("run", "--env", "KEY=latchkey://payments/prod/stripe-api-key", "--", "sh", "-c", "echo \"$KEY\"");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("<latchkey:KEY>\n");
    }

    @Test
    @Order(4)
    void askingAgainForWhatAdaHoldsSaysSoAndExtendAsksForMoreTime() throws Exception {
        Ran again = show("ada: latchkey request payments/prod --duration 30m --reason 'PAY-1 more'",
                ada.run("request", "payments/prod", "--duration", "30m", "--reason", "PAY-1 more"));
        assertThat(again.exit()).as(again.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("you already hold payments/prod until", "--extend");

        Ran extend = ada.run("request", "payments/prod", "--duration", "30m", "--reason", "PAY-1 more", "--extend", "--json");
        assertThat(extend.exit()).as(extend.toString()).isZero();
        assertThat(JSON.readTree(extend.out()).path("extendsGrant").asText()).startsWith("g_");
    }

    @Test
    @Order(5)
    void aStaleAccessTokenIsRenewedOnceAtKeycloakWithoutASignIn() throws Exception {
        Thread.sleep(UNTIL_STALE.toMillis());
        int before = admin.refreshes("ada");

        Ran scopes = ada.run("scopes");

        assertThat(scopes.exit()).as(scopes.toString()).isZero();
        assertThat(scopes.out()).contains("payments/prod", "payments/dev");
        assertThat(admin.refreshes("ada") - before).as("refresh grants Keycloak served").isEqualTo(1);
    }

    @Test
    @Order(6)
    void logoutRevokesTheSessionAtKeycloakAndLeavesGracesAlone() throws Exception {
        assertThat(admin.sessions("ada")).isNotEmpty();

        Ran logout = show("ada: latchkey logout", ada.run("logout"));

        assertThat(logout.out()).contains("Signed out of " + broker.url() + "; the session was revoked.");
        assertThat(admin.sessions("ada")).as("ada's sessions at Keycloak").isEmpty();
        assertThat(ada.run("status").exit()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
        assertThat(grace.run("status").out()).contains("User:    Grace Hopper");
    }

    @Test
    @Order(7)
    void secretsPutWhileTheBrokerRunsSaysSoInWords() throws Exception {
        Ran put = BrokerJar.run(dir, putArgs("payments/dev", "db-url"), "another value\n");

        assertThat(put.exit()).isEqualTo(1);
        assertThat(put.err()).contains("is in use by another process, most likely a running broker", "Stop that broker "
                + "first, or write through it").doesNotContain("90020").doesNotContain("Database may be");
    }

    @Test
    @Order(8)
    void offlineAccessIsTheOperatorsChoiceAndOnlyAnOfflineSessionOutlivesTheIdpSession() throws Exception {
        List<String> offlineArgs = new ArrayList<>(brokerArgs);
        offlineArgs.set(offlineArgs.indexOf("--db") + 1, "jdbc:h2:file:" + dir.resolve("offline").resolve("broker"));
        offlineArgs.add("--offline-access");
        BrokerProcess offline = started(BrokerJar.start(dir, offlineArgs));
        assertThat(get(offline.url().resolve("/.well-known/latchkey")).path("scopes").asText())
                .isEqualTo("openid profile email offline_access");

        // Ada has no offline_access role: Keycloak's refusal reaches her whole, with what to do.
        Ran refused = show("ada: latchkey login --broker " + offline.url() + " --no-browser   (broker with --offline-access)",
                ada.login(offline.url(), as("ada")));
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
        assertThat(refused.err()).contains("refused the device sign-in: not_allowed (\"Offline tokens not allowed for "
                + "the user or client\")", "hint: the IdP does not allow offline access for you or for client latchkey; "
                + "ask its administrator, or the broker's operator to turn offline access off");

        // Grace has it: her session at the offline broker is an offline session at Keycloak.
        assertThat(grace.login(offline.url(), as("grace")).exit()).isZero();
        assertThat(admin.offlineSessions("grace", "latchkey")).hasSize(1);
        assertThat(ada.login(broker.url(), as("ada")).exit()).isZero();

        // Keycloak ends their ordinary sessions (as its idle timeout would); then their tokens go stale.
        assertThat(admin.endSessions("ada")).isPositive();
        admin.endSessions("grace");
        Thread.sleep(UNTIL_STALE.toMillis());

        Ran ended = show("ada: latchkey scopes   (after Keycloak ended her session)", ada.run("scopes"));
        assertThat(ended.exit()).as(ended.toString()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
        assertThat(ended.err()).contains("has ended", "invalid_grant", "sign in again", "hint: run: latchkey login");
        Ran outlived = grace.run("--broker", offline.url().toString(), "scopes");
        assertThat(outlived.exit()).as(outlived.toString()).isZero();

        assertThat(grace.run("--broker", offline.url().toString(), "logout").out()).contains("the session was revoked");
        assertThat(admin.offlineSessions("grace", "latchkey")).isEmpty();
    }

    @Test
    @Order(9)
    void aWrongIssuerStopsTheBrokerAtStartAndItsHelpIsThere() throws Exception {
        List<String> slashed = new ArrayList<>(brokerArgs);
        int issuer = slashed.indexOf("--issuer") + 1;
        slashed.set(issuer, slashed.get(issuer) + "/");

        Ran refused = BrokerJar.run(dir, slashed, "");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("names its issuer '" + keycloak.issuer() + "'", "the trailing slash differs");

        Ran help = BrokerJar.run(dir, List.of("--help"), "");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--issuer=URL", "--offline-access", "--allow-unreachable-idp");
    }

    @Test
    @Order(10)
    void noValueLandedInAnyFileOfThePeopleOrTheBroker() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain(devDbUrl).doesNotContain(prodStripeKey);
            }
        }
    }

    /** Prints what a person saw, so the test's output reads as a transcript (never a command that shows a value). */
    private static Ran show(String command, Ran ran) {
        System.out.println("\n$ " + command + "\n" + ran.out() + ran.err() + "[exit " + ran.exit() + "]");
        return ran;
    }

    private Consumer<URI> as(String user) {
        return link -> {
            try {
                new KeycloakBrowser().signIn(link, user);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private void putSecret(String scope, String name, String value) throws Exception {
        Ran put = BrokerJar.run(dir, putArgs(scope, name), value + "\n");
        assertThat(put.exit()).as(put.toString()).isZero();
        assertThat(put.out()).contains("stored " + scope + "/" + name + " version 1");
    }

    private List<String> putArgs(String scope, String name) {
        List<String> args = new ArrayList<>(List.of("secrets", "put", scope, name));
        for (String option : List.of("--db", "--policy", "--master-key-file")) {
            args.addAll(List.of(option, brokerArgs.get(brokerArgs.indexOf(option) + 1)));
        }
        return args;
    }

    private BrokerProcess started(BrokerProcess b) {
        running.add(b);
        return b;
    }

    private static JsonNode get(URI url) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return JSON.readTree(http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
    }

    private static String hex() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
