package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.cli.CliProcess;
import dev.latchkey.cli.SessionFromEnvMain;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * The broker stops during a launch (the probe saw it 1.8 s in), while the child runs and the CLI follows the broker's
 * event stream for revocations: the child finishes, the CLI exits with its code, and stderr has
 * sentences, never a stack trace or a Java class name (the event thread used to die with a raw
 * InterruptedException there).
 */
class BrokerGoneDuringLaunchTest {

    @TempDir
    Path home;

    @Test
    void theBrokerStoppingMidLaunchEndsCleanlyWithoutAStackTrace() throws Exception {
        RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev());
        Process cli;
        try {
            String token = DevSignIn.accessToken(broker.url(), "ada");
            cli = CliProcess.builder(home, Map.of("LATCHKEY_BROKER", broker.url().toString(),
                    SessionFromEnvMain.TOKEN_VARIABLE, token), List.of(), SessionFromEnvMain.class,
                    List.of("run", "--env", "DB=latchkey://payments/dev/db-url", "--", "sh", "-c",
                            "touch \"$1\"; sleep 4; echo done", "sh", home.resolve("started").toString()))
                    .start();
            // The values are resolved and the child runs (the CLI follows the event stream now).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(home.resolve("started")) && System.nanoTime() < deadline && cli.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(home.resolve("started")).as("the child started").exists();
            Thread.sleep(300);
        } finally {
            broker.close();
        }
        Process running = cli;
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(running.getErrorStream()));
        String out = read(cli.getInputStream());
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = err.get(10, TimeUnit.SECONDS);
        System.out.println("the CLI said on stderr:\n" + stderr);
        assertThat(cli.exitValue()).as(stderr).isZero();
        assertThat(out).contains("done");
        assertThat(stderr).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("java.");
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
