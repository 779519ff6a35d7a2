package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.common.ExitCodes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed-in person whose IdP stops answering: a command that needs a fresh token says the IdP did
 * not answer and exits 4. It used to say "run: latchkey login" and exit 2, though signing in again
 * could not help and the session was intact.
 */
class SessionServicesDownTest {

    @TempDir
    Path home;

    @Test
    void anIdpThatDoesNotAnswerDuringARefreshIsExitFourAndTheSessionStays() throws Exception {
        CliRun.World world;
        URI url;
        // Access tokens shorter than the refresh margin: every command refreshes before its call.
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev().withDevPollInterval(Duration.ofSeconds(1))
                .withDevTokenTtl(Duration.ofSeconds(20)))) {
            url = broker.url();
            world = DevLogin.signedIn(home, url, "ada");
            CliRun up = world.run("scopes");
            assertThat(up.exitCode).as(up.toString()).isZero();
        }

        CliRun down = world.run("scopes");

        assertThat(down.exitCode).as(down.toString()).isEqualTo(ExitCodes.BROKER_UNREACHABLE);
        assertThat(down.err).doesNotContain("latchkey login").contains("hint: check the broker URL and your network");
        assertThat(world.session(url).currentUser()).as("nothing lost: still signed in").isPresent();
    }
}
