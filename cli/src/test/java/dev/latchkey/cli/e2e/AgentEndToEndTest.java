package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.cli.CliProcess;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code latchkey agent} as its own process over the session a real {@code latchkey login} put in
 * the keychain; {@code status} and {@code run} as their own processes, through the agent, then
 * without it (the agent stopped by SIGTERM, its socket gone), then against a stuck agent.
 */
class AgentEndToEndTest {

    @TempDir
    Path home;

    @Test
    void statusAndRunGoThroughTheAgentAndWorkAloneWithoutIt() throws Exception {
        CredentialStore keychain = KeychainProbe.open();
        if (keychain.mode() instanceof StorageMode.MemoryOnly m) {
            RealParts.missing("no keychain works, and `latchkey agent` reads the session from it: " + m.reason());
        }
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            DevLogin.signedIn(home, broker.url(), "ada", keychain);
            Map<String, String> env = Map.of("LATCHKEY_BROKER", broker.url().toString());
            Path socket = AgentPaths.from(Map.of("HOME", home.toString())).socket();

            try (RunningAgent agent = RunningAgent.start(home, env)) {
                assertThat(socket).exists();

                Ran status = Ran.cli(home, env, "status");
                assertThat(status.code()).as(status.toString()).isZero();
                assertThat(status.out()).contains("Ada Lovelace", "Agent:   via agent (pid " + agent.pid() + ")");
                assertThat(status.err()).doesNotContain("latchkey:");

                Path envFile = home.resolve("three.env");
                Files.writeString(envFile, "DB=latchkey://payments/dev/db-url\nKEY=latchkey://payments/dev/stripe-api-key\n"
                        + "HOOK=latchkey://payments/dev/webhook-signing-secret\n");
                Ran run = Ran.cli(home, env, "run", "--no-mask", "--env-file", envFile.toString(), "--", "env");
                assertThat(run.code()).as(run.toString()).isZero();
                assertThat(run.out()).contains("DB=" + DemoOrganisation.values().get("payments/dev/db-url"),
                        "HOOK=" + DemoOrganisation.values().get("payments/dev/webhook-signing-secret"));
                assertThat(run.err()).doesNotContain("working without it");

                // A second agent is refused while the first answers.
                Ran second = Ran.cli(home, env, "agent");
                assertThat(second.code()).as(second.toString()).isEqualTo(1);
                assertThat(second.err()).contains("another Latchkey agent (pid " + agent.pid() + ") already serves");
            }
            assertThat(socket).as("a stopped agent removes its socket").doesNotExist();

            Ran alone = Ran.cli(home, env, "status");
            assertThat(alone.code()).as(alone.toString()).isZero();
            assertThat(alone.out()).contains("Ada Lovelace").doesNotContain("via agent");
            assertThat(alone.err()).doesNotContain("latchkey:");

            // A stuck agent: its socket accepts connections (into the kernel's queue) but nothing answers.
            try (ServerSocketChannel stuck = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                stuck.bind(UnixDomainSocketAddress.of(socket));
                Ran fallback = Ran.cli(home, env, "run", "--no-mask", "--env", "DB=latchkey://payments/dev/db-url", "--",
                        "sh", "-c", "echo \"$DB\"");
                assertThat(fallback.code()).as(fallback.toString()).isZero();
                assertThat(fallback.out()).contains(DemoOrganisation.values().get("payments/dev/db-url"));
                assertThat(fallback.err()).containsOnlyOnce("did not answer within 300 ms; working without it");
            }
        }
    }

    /** A finished CLI process. */
    record Ran(int code, String out, String err) {
        static Ran cli(Path home, Map<String, String> env, String... args) throws Exception {
            Process p = CliProcess.start(home, env, List.of(args));
            var err = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Ran(p.exitValue(), out, err.get());
        }
    }
}
