package dev.latchkey.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.process.PosixSignal;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.OnExpiry;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A credential that ends early (a grant revoked at the broker) is handled like its expiry, at once. */
class LaunchRevocationTest {

    private static final SecretRef PROD = SecretRef.parse("latchkey://payments/prod/db-url");

    @TempDir
    Path folder;

    private final List<String> notices = new CopyOnWriteArrayList<>();

    private Launch launch(OnExpiry onExpiry) {
        SecretSource broker = (refs, sandboxes) -> new Resolution.Granted(
                Map.of(PROD, new ResolvedSecret(PROD, "prod-value-" + System.nanoTime(),
                        Optional.of(Instant.now().plus(Duration.ofHours(1))))), Map.of());
        return new Launch(profile(onExpiry), settings(broker));
    }

    private static LaunchProfile profile(OnExpiry onExpiry) {
        return LaunchProfile.forCommand(List.of("sh", "-c", "while :; do sleep 0.02; done"))
                .plusEnv(Map.of("DB_URL", new EnvValue.Reference(PROD))).with(true, false, onExpiry);
    }

    private LaunchSettings settings(SecretSource broker) {
        return LaunchSettings.builder().source(broker).out(new ByteArrayOutputStream()).err(new ByteArrayOutputStream())
                .notices(notices::add).log(new LaunchLog(folder.resolve("launches.jsonl"))).parentEnv(System.getenv())
                .cwd(folder).grace(Duration.ofMillis(300)).tick(Duration.ofMillis(50)).build();
    }

    @Test
    void onExpiryStopStopsTheChildWhenItsGrantIsRevoked() throws Exception {
        Launch launch = launch(OnExpiry.STOP);
        Thread.ofPlatform().start(() -> {
            await().until(() -> launch.childPid().isPresent());
            launch.credentialEnded("access to payments/prod (grant g_1 revoked by grace)");
        });
        var outcome = (Launch.Outcome.Exited) launch.run();
        assertThat(outcome.exitCode()).isEqualTo(128 + 15);
        assertThat(notices).containsExactly(
                "latchkey: access to payments/prod (grant g_1 revoked by grace) has ended; stopping the program");
    }

    @Test
    void onExpiryWarnOnlySaysSo() throws Exception {
        Launch launch = launch(OnExpiry.WARN);
        Thread.ofPlatform().start(() -> {
            await().until(() -> launch.childPid().isPresent());
            launch.credentialEnded("access to payments/prod (grant g_1 revoked)");
            await().until(() -> !notices.isEmpty());
            launch.forward(PosixSignal.TERM);
        });
        var outcome = (Launch.Outcome.Exited) launch.run();
        assertThat(notices).containsExactly("latchkey: access to payments/prod (grant g_1 revoked) has ended; "
                + "the program keeps running without working credentials");
        assertThat(outcome.exitCode()).isEqualTo(128 + 15);
    }

    @Test
    @Timeout(30) // before the fix the end was dropped and the child ran on
    void aGrantRevokedWhileTheLaunchResolvesEndsTheRunAsSoonAsTheChildStarts() throws Exception {
        Launch[] launch = new Launch[1];
        SecretSource broker = (refs, sandboxes) -> {
            // The stream's event arrives after the broker answered, before the child exists.
            launch[0].grantEnded("g_1", "payments/prod", "revoked by grace");
            return new Resolution.Granted(Map.of(PROD, new ResolvedSecret(PROD, "prod-value-" + System.nanoTime(),
                    Optional.of(Instant.now().plus(Duration.ofHours(1))), Optional.of("g_1"))), Map.of());
        };
        launch[0] = new Launch(profile(OnExpiry.STOP), settings(broker));

        var outcome = (Launch.Outcome.Exited) launch[0].run();

        assertThat(outcome.exitCode()).isEqualTo(128 + 15);
        assertThat(notices).containsExactly("latchkey: access to payments/prod/db-url: grant g_1 was revoked by grace",
                "latchkey: access to payments/prod/db-url has ended; stopping the program");
    }

    @Test
    void aGrantHeardTwiceIsSaidOnceAndAnOldRevokedGrantOfTheScopeEndsNothing() throws Exception {
        Launch[] launch = new Launch[1];
        SecretSource broker = (refs, sandboxes) -> new Resolution.Granted(Map.of(PROD, new ResolvedSecret(PROD,
                "prod-value-" + System.nanoTime(), Optional.of(Instant.now().plus(Duration.ofHours(1))),
                Optional.of("g_2"))), Map.of());
        launch[0] = new Launch(profile(OnExpiry.STOP), settings(broker));
        Thread.ofPlatform().start(() -> {
            await().until(() -> launch[0].childPid().isPresent());
            launch[0].heldGrantEnded("g_1", "revoked by grace");
            launch[0].grantEnded("g_2", "payments/prod", "revoked by grace: incident over");
            launch[0].heldGrantEnded("g_2", "revoked by grace");
        });

        var outcome = (Launch.Outcome.Exited) launch[0].run();

        assertThat(outcome.exitCode()).isEqualTo(128 + 15);
        assertThat(notices).containsExactly(
                "latchkey: access to payments/prod/db-url: grant g_2 was revoked by grace: incident over",
                "latchkey: access to payments/prod/db-url has ended; stopping the program");
    }

    @Test
    void beforeTheChildStartsThereIsNothingToEnd() {
        Launch launch = launch(OnExpiry.STOP);
        launch.credentialEnded("access to payments/prod");
        assertThat(notices).isEmpty();
    }
}
