package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.cli.CliRun;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.net.URI;
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
        DevSignIn.approve(broker, m.group(1), user);
        CliRun done = login.get();
        assertThat(done.exitCode).as(done.toString()).isZero();
        return world;
    }
}
