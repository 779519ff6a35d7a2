package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** login, status, run and logout through core's real session, ada confirming on the dev IdP's form. */
class SignInTest {

    private static final Pattern CODE = Pattern.compile("enter the code (\\S+)");

    @TempDir
    Path home;

    @Test
    void loginAsAdaThenStatusRunAndLogout() throws Exception {
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev().withDevPollInterval(Duration.ofSeconds(1)))) {
            CliRun.World world = new CliRun.World(home, Map.of(), null);
            CompletableFuture<CliRun> login = CompletableFuture.supplyAsync(
                    () -> world.run("login", "--broker", broker.url().toString(), "--no-browser"));
            await().atMost(Duration.ofSeconds(20)).until(() -> CODE.matcher(world.liveErr.toString()).find());
            Matcher m = CODE.matcher(world.liveErr.toString());
            assertThat(m.find()).isTrue();
            DevSignIn.approve(broker.url(), m.group(1), "ada");

            CliRun signedIn = login.get();
            assertThat(signedIn.exitCode).as(signedIn.toString()).isZero();
            assertThat(signedIn.out).contains("Signed in to " + broker.url() + " as Ada Lovelace");

            // The broker URL is remembered: later commands need no --broker.
            CliRun status = world.run("status");
            assertThat(status.exitCode).as(status.toString()).isZero();
            assertThat(status.out).contains("Ada Lovelace", "Storage:", "Grants:  none active");
            assertThat(world.run("status", "--json").out).contains("\"signedIn\" : true");

            CliRun run = world.run("run", "--env", "DB_URL=latchkey://payments/dev/db-url", "--", "sh", "-c", "echo \"$DB_URL\"");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.childOut).isEqualTo("<latchkey:DB_URL>\n");

            try (var files = Files.walk(home)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                            .doesNotContain(DemoOrganisation.values().get("payments/dev/db-url"));
                }
            }

            CliRun logout = world.run("logout");
            assertThat(logout.exitCode).isZero();
            assertThat(logout.out).contains("Signed out of " + broker.url());
            CliRun after = world.run("status");
            assertThat(after.exitCode).isEqualTo(ExitCodes.NOT_SIGNED_IN);
            assertThat(after.out).contains("not signed in");
            CliRun refused = world.run("scopes");
            assertThat(refused.exitCode).isEqualTo(ExitCodes.NOT_SIGNED_IN);
            assertThat(refused.err).contains("hint: run: latchkey login");
        }
    }

    @Test
    void twoAccountsOnOneBrokerStaySignedInSideBySideAndSwitchWithoutASignIn() throws Exception {
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev().withDevPollInterval(Duration.ofSeconds(1)))) {
            CliRun.World world = DevLogin.signedIn(home, broker.url(), "ada");
            CliRun second = login(world, broker.url(), "grace");
            assertThat(second.out).contains("as Grace Hopper", "Also signed in here as Ada Lovelace <ada@example.com>");

            assertThat(world.run("status").out).contains("User:    Grace Hopper", "Others:  Ada Lovelace <ada@example.com>");
            assertThat(world.run("switch").out).contains("  Ada Lovelace <ada@example.com>\n",
                    "* Grace Hopper <grace@example.com>  (in use)");
            CliRun switched = world.run("switch", "ada@example.com");
            assertThat(switched.exitCode).as(switched.toString()).isZero();
            assertThat(switched.out).contains("Now using Ada Lovelace <ada@example.com>");
            assertThat(world.run("status").out).contains("User:    Ada Lovelace");
            assertThat(world.run("scopes").exitCode).isZero();

            assertThat(world.run("logout").out).contains("Signed out of " + broker.url());
            assertThat(world.run("status").exitCode).isEqualTo(ExitCodes.NOT_SIGNED_IN);
            CliRun unknown = world.run("switch", "ada@example.com");
            assertThat(unknown.exitCode).isEqualTo(ExitCodes.NOT_SIGNED_IN);
            assertThat(unknown.err).contains("no account 'ada@example.com' is stored");
            assertThat(world.run("switch", "Grace Hopper").exitCode).isZero();
            assertThat(world.run("status").out).contains("User:    Grace Hopper");
        }
    }

    private static CliRun login(CliRun.World world, URI broker, String user) throws Exception {
        int seen = world.liveErr.toString().length();
        CompletableFuture<CliRun> login = CompletableFuture.supplyAsync(
                () -> world.run("login", "--broker", broker.toString(), "--no-browser"));
        await().atMost(Duration.ofSeconds(20)).until(() -> CODE.matcher(world.liveErr.toString().substring(seen)).find());
        Matcher m = CODE.matcher(world.liveErr.toString().substring(seen));
        assertThat(m.find()).isTrue();
        DevSignIn.approve(broker, m.group(1), user);
        CliRun done = login.get();
        assertThat(done.exitCode).as(done.toString()).isZero();
        return done;
    }
}
