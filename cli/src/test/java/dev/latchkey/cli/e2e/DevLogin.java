package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.cli.CliRun;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code latchkey login} in a test world, the demo user confirming on the dev IdP's form as a
 * person would: the world then holds core's real session (refresh token, access token, user).
 */
final class DevLogin {

    private static final Pattern CODE = Pattern.compile("enter the code (\\S+)");

    private DevLogin() {
    }

    static CliRun.World signedIn(Path home, URI broker, String user) throws Exception {
        return signedIn(home, broker, user, new InMemoryCredentialStore());
    }

    static CliRun.World signedIn(Path home, URI broker, String user, CredentialStore store) throws Exception {
        CliRun.World world = new CliRun.World(home, Map.of(), null, store);
        CompletableFuture<CliRun> login = CompletableFuture.supplyAsync(
                () -> world.run("login", "--broker", broker.toString(), "--no-browser"));
        await().atMost(Duration.ofSeconds(20)).until(() -> CODE.matcher(world.liveErr.toString()).find());
        Matcher m = CODE.matcher(world.liveErr.toString());
        assertThat(m.find()).isTrue();
        confirm(broker, m.group(1), user);
        CliRun done = login.get();
        assertThat(done.exitCode).as(done.toString()).isZero();
        return world;
    }

    static void confirm(URI broker, String userCode, String user) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            String form = "user_code=" + URLEncoder.encode(userCode, StandardCharsets.UTF_8) + "&user=" + user;
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(broker.resolve("/dev-idp/device"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }
}
