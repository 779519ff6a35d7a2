package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.core.approval.LocalConfirmScopes;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code latchkey run} as its own process without a terminal (its input and output are pipes): a
 * launch that reads a scope asking for confirmation is refused with a hint, and its program never
 * starts; alone, through a headless {@code latchkey agent}, and for a scope the user marked locally.
 */
class ApprovalWithoutTerminalTest {

    private static final String[] RUN = {"run", "--env", "DB=latchkey://payments/dev/db-url", "--", "sh", "-c",
        "echo program-started"};

    @TempDir
    Path home;

    private static CredentialStore keychain() {
        CredentialStore keychain = KeychainProbe.open();
        if (keychain.mode() instanceof StorageMode.MemoryOnly m) {
            RealParts.missing("no keychain works, and the CLI's processes share the session through it: " + m.reason());
        }
        return keychain;
    }

    private static void assertRefused(AgentEndToEndTest.Ran run) {
        assertThat(run.code()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).doesNotContain("program-started");
        assertThat(run.err()).contains("payments/dev asks to confirm each launch, and there is no terminal to ask in;"
                + " run it from a terminal or start the Latchkey app to approve")
                .doesNotContain(DemoOrganisation.values().get("payments/dev/db-url"));
    }

    @Test
    void aConfirmScopeOfThePolicyIsRefusedAloneAndThroughTheHeadlessAgent(@TempDir Path dir) throws Exception {
        CredentialStore keychain = keychain();
        String policy;
        try (InputStream in = DemoOrganisation.class.getResourceAsStream(DemoOrganisation.POLICY_RESOURCE)) {
            policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, policy.replace("  payments/dev:\n", "  payments/dev:\n    confirm: true\n"));
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev().withPolicyFile(file))) {
            DevLogin.signedIn(home, broker.url(), "ada", keychain);
            Map<String, String> env = Map.of("LATCHKEY_BROKER", broker.url().toString());

            assertRefused(AgentEndToEndTest.Ran.cli(home, env, RUN));
            try (RunningAgent agent = RunningAgent.start(home, env)) {
                assertThat(agent.pid()).isPositive();
                AgentEndToEndTest.Ran through = AgentEndToEndTest.Ran.cli(home, env, RUN);
                assertRefused(through);
                assertThat(through.err()).doesNotContain("working without it");
            }
            // A launch that reads no reference is asked about nothing.
            AgentEndToEndTest.Ran staging = AgentEndToEndTest.Ran.cli(home, env, "run", "--", "sh", "-c", "echo plain");
            assertThat(staging.code()).as(staging.toString()).isZero();
        }
    }

    @Test
    void aScopeTheUserMarkedIsRefusedLikeOneOfThePolicy() throws Exception {
        CredentialStore keychain = keychain();
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            DevLogin.signedIn(home, broker.url(), "ada", keychain);
            Map<String, String> env = Map.of("LATCHKEY_BROKER", broker.url().toString());
            AgentEndToEndTest.Ran before = AgentEndToEndTest.Ran.cli(home, env, RUN);
            assertThat(before.code()).as(before.toString()).isZero();
            assertThat(before.out()).contains("program-started");

            LocalConfirmScopes.write(home.resolve(".config").resolve("latchkey"), List.of("payments/dev"));
            assertRefused(AgentEndToEndTest.Ran.cli(home, env, RUN));
        }
    }
}
