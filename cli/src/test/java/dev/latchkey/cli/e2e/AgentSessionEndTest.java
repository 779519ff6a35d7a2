package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.cli.e2e.AgentEndToEndTest.Ran;
import dev.latchkey.core.agent.AgentService;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session that ends while {@code latchkey agent} runs (all of them real processes over the real
 * keychain): the agent stops serving it at once when {@code latchkey logout} tells it, and by
 * itself within {@link AgentService#SESSION_RECHECK} when nobody does.
 */
class AgentSessionEndTest {

    private static final String DB = DemoOrganisation.values().get("payments/dev/db-url");

    @TempDir
    Path home;

    private CredentialStore keychain() {
        CredentialStore keychain = KeychainProbe.open();
        if (keychain.mode() instanceof StorageMode.MemoryOnly m) {
            RealParts.missing("no keychain works, and `latchkey agent` reads the session from it: " + m.reason());
        }
        return keychain;
    }

    private Ran run(Map<String, String> env) throws Exception {
        return Ran.cli(home, env, "run", "--no-mask", "--env", "DB=latchkey://payments/dev/db-url", "--",
                "sh", "-c", "echo \"$DB\"");
    }

    /** What a test does with ada signed in, an agent serving her session, and one run through it done. */
    @FunctionalInterface
    private interface Serving {
        void run(RunningBroker broker, CredentialStore keychain, Map<String, String> env, RunningAgent agent) throws Exception;
    }

    private void withAgentServingAda(Serving test) throws Exception {
        CredentialStore keychain = keychain();
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            DevLogin.signedIn(home, broker.url(), "ada", keychain);
            Map<String, String> env = Map.of("LATCHKEY_BROKER", broker.url().toString());
            try (RunningAgent agent = RunningAgent.start(home, env)) {
                Ran before = run(env);
                assertThat(before.code()).as(before.toString()).isZero();
                assertThat(before.out()).as("the agent holds the session now").contains(DB);
                test.run(broker, keychain, env, agent);
            }
        }
    }

    @Test
    void afterLogoutNeitherStatusNorRunGetsATokenFromTheAgent() throws Exception {
        withAgentServingAda((broker, keychain, env, agent) -> {
            Ran logout = Ran.cli(home, env, "logout");
            assertThat(logout.code()).as(logout.toString()).isZero();
            assertThat(logout.err()).as("the agent confirmed").doesNotContain("latchkey:");

            Ran status = Ran.cli(home, env, "status");
            assertThat(status.code()).as(status.toString()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
            assertThat(status.out()).contains("not signed in (latchkey login)", "via agent (pid " + agent.pid() + ")");

            Ran after = run(env);
            assertThat(after.code()).as(after.toString()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
            assertThat(after.out()).doesNotContain(DB);
            assertThat(after.err()).contains("latchkey login").doesNotContain("working without it");

            // Signing in again (as someone else) needs no new agent: it serves the new session.
            DevLogin.signedIn(home, broker.url(), "grace", keychain);
            Ran grace = Ran.cli(home, env, "status");
            assertThat(grace.code()).as(grace.toString()).isZero();
            assertThat(grace.out()).contains("Grace Hopper", "via agent (pid " + agent.pid() + ")");
        });
    }

    @Test
    void anAgentNobodyToldStopsServingWithinItsRecheck() throws Exception {
        withAgentServingAda((broker, keychain, env, agent) -> {
            Map<String, String> withoutAgent = new HashMap<>(env);
            withoutAgent.put("LATCHKEY_AGENT", "off");
            Ran logout = Ran.cli(home, withoutAgent, "logout");
            assertThat(logout.code()).as(logout.toString()).isZero();

            // Each poll is a whole CLI process (a second or two here); the dev IdP's tokens live far longer than this.
            await().atMost(AgentService.SESSION_RECHECK.plusSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> run(env).code() == ExitCodes.NOT_SIGNED_IN);
            Ran after = run(env);
            assertThat(after.out()).doesNotContain(DB);
            assertThat(after.err()).contains("latchkey login");
            assertThat(agent.output()).as("the agent prints no value").doesNotContain(DB);
        });
    }
}
