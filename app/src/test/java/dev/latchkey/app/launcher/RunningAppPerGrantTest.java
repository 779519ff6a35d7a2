package dev.latchkey.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.BackgroundTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.TwoGrants;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.BrokerSecretSource;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.OnExpiry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launched app given payments/prod's db-url (a 6-minute grant) and stripe-api-key (a 30-minute
 * grant) by a real broker on the test's clock: its countdown, warnings and end follow db-url's
 * grant, and what happens at that end is the profile's on-expiry setting.
 */
class RunningAppPerGrantTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path root;

    private final ManualScheduler scheduler = new ManualScheduler(T0);
    private final BackgroundTaskRunner tasks = new BackgroundTaskRunner();
    private TwoGrants org;
    private LauncherViewModel model;

    @BeforeEach
    void twoGrants() throws Exception {
        org = TwoGrants.start(scheduler);
        LocalFolders folders = LocalFolders.under(root);
        model = new LauncherViewModel(tasks, scheduler, new ProfileStore(folders.config()),
                new BrokerSecretSource(org.ada), folders, app -> { });
    }

    @AfterEach
    void stop() {
        tasks.ui(() -> model.apps().forEach(RunningApp::stop));
        org.close();
    }

    private RunningApp launch(OnExpiry onExpiry) {
        Map<String, EnvValue> env = new LinkedHashMap<>();
        env.put("DB_URL", new EnvValue.Reference(SecretRef.parse("latchkey://payments/prod/db-url")));
        env.put("STRIPE_KEY", new EnvValue.Reference(SecretRef.parse("latchkey://payments/prod/stripe-api-key")));
        LaunchProfile api = new LaunchProfile("payments-api", List.of("sh", "-c", "echo ready; while :; do sleep 0.05; done"),
                Optional.empty(), List.of(), env, Map.of(), true, false, onExpiry);
        RunningApp[] app = new RunningApp[1];
        tasks.ui(() -> app[0] = model.launch(api));
        // The child's own line, not the launch note that quotes its command.
        await().atMost(WAIT).until(() -> app[0].consoleProperty().get().contains("ready\n"));
        return app[0];
    }

    private void advance(Duration d) {
        tasks.ui(() -> scheduler.advance(d));
    }

    private static String ui(RunningApp app) {
        return app.countdownProperty().get();
    }

    @Test
    void theCountdownAndWarningsFollowTheShorterGrantAndItsEndIsSaidWhileTheAppRunsOn() {
        RunningApp app = launch(OnExpiry.WARN);
        assertThat(ui(app)).isEqualTo("Access to payments/prod/db-url ends in 6 min (at 10:06).");
        assertThat(app.grantToExtend()).as("Extend: db-url's grant, not the scope's longest").contains(org.dbGrant);
        // 6 minutes left is within the launch's first lead time (15 min): the expiry clock warns at once.
        await().atMost(WAIT).until(() -> app.alertProperty().get() == LaunchCountdown.Alert.WARNING);

        advance(Duration.ofMinutes(1));
        await().atMost(WAIT).until(() -> app.consoleProperty().get()
                .contains("» latchkey: access to payments/prod/db-url ends in 5m"));
        assertThat(ui(app)).isEqualTo("Access to payments/prod/db-url ends in 5 min (at 10:06).");
        advance(Duration.ofMinutes(4));
        await().atMost(WAIT).until(() -> app.consoleProperty().get()
                .contains("» latchkey: access to payments/prod/db-url ends in 1m"));

        advance(Duration.ofMinutes(1));
        await().atMost(WAIT).until(() -> app.alertProperty().get() == LaunchCountdown.Alert.ENDED);
        assertThat(app.consoleProperty().get()).contains("» latchkey: access to payments/prod/db-url has ended; "
                + "the program keeps running without working credentials");
        assertThat(app.stateProperty().get()).isInstanceOf(RunningApp.State.Running.class);
        assertThat(ui(app)).isEqualTo("Access to payments/prod/db-url ended at 10:06 — the app runs on without it. "
                + "Access to payments/prod/stripe-api-key ends in 24 min (at 10:30).");
        assertThat(app.grantToExtend()).as("the ended grant cannot be extended; stripe's can").contains(org.stripeGrant);
        assertThat(app.consoleProperty().get()).doesNotContain("stripe-api-key ends in").doesNotContain("sk_live_")
                .doesNotContain("postgresql://");
    }

    @Test
    void onExpiryStopStopsTheAppAtTheShorterGrantsEnd() {
        RunningApp app = launch(OnExpiry.STOP);
        advance(TwoGrants.DB_FOR.minusSeconds(1));
        assertThat(app.stateProperty().get()).isInstanceOf(RunningApp.State.Running.class);
        advance(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> app.stateProperty().get() instanceof RunningApp.State.Exited);
        assertThat(app.stateProperty().get()).isEqualTo(new RunningApp.State.Exited(128 + 15));
        assertThat(app.consoleProperty().get())
                .contains("» latchkey: access to payments/prod/db-url has ended; stopping the program");
    }

    @Test
    void aRevokedGrantEndsWhatItGaveAtOnce() throws Exception {
        RunningApp app = launch(OnExpiry.STOP);
        tasks.ui(() -> model.grantRevoked("g_not_this_apps", "payments/prod", "revoked by grace"));
        tasks.ui(() -> model.grantRevoked(org.stripeGrant, "payments/prod", "revoked by grace: incident over"));
        await().atMost(WAIT).until(() -> app.stateProperty().get() instanceof RunningApp.State.Exited);
        assertThat(app.consoleProperty().get())
                .contains("» latchkey: access to payments/prod/stripe-api-key: grant " + org.stripeGrant
                        + " was revoked by grace: incident over")
                .contains("» latchkey: access to payments/prod/stripe-api-key has ended; stopping the program")
                .doesNotContain("g_not_this_apps");
    }
}
