package dev.latchkey.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.core.Session;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.core.launch.BrokerSecretSource;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.OnExpiry;
import dev.latchkey.core.launch.profile.SandboxRequest;
import dev.latchkey.testsupport.RealParts;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.latchkey.testsupport.broker.BrokerProcess;
import dev.latchkey.app.common.DevBroker;

/**
 * The launcher while the broker cannot be reached: a profile whose references are sandbox tokens
 * cached in the real keychain (gnome-keyring under {@code .ci/with-keyring}) by an earlier launch
 * starts, and says it started offline and until when; one with nothing usable cached does not,
 * and says what to do. The app's own wiring: core's session keeps the tokens, as in the app.
 */
class OfflineLaunchTest {

    @TempDir
    Path root;

    @Test
    void aLaunchStartsOfflineWithCachedSandboxTokensAndSaysSo() throws Exception {
        ManualScheduler scheduler = new ManualScheduler(Instant.now());
        LocalFolders folders = LocalFolders.under(root);
        BrokerProcess broker = DevBroker.start();
        Session session = signedIn(broker, root);
        SecretSource source = session.keepingSandboxTokens(
                new BrokerSecretSource(session.brokerClient()), notice -> { });
        LauncherViewModel model = new LauncherViewModel(new SameThreadTaskRunner(), scheduler,
                new ProfileStore(folders.config()), source, folders, app -> { });
        // The child proves it was given a token without showing it: its length only.
        LaunchProfile tokenOnly = sandboxed("stripe-test", "payments-sandbox", Map.of());
        boolean stopped = false;
        try {
            RunningApp online = model.launch(tokenOnly);
            assertThat(online.stateProperty().get()).as(online.consoleProperty().get()).isEqualTo(new RunningApp.State.Exited(0));
            assertThat(online.offlineProperty().get()).isEmpty();
            Instant tokenEnds = online.deadlines().stream().map(Expiring::endsAt).findFirst().orElseThrow();
            stopped = true;
            broker.close();

            RunningApp offline = model.launch(tokenOnly);
            assertThat(offline.stateProperty().get()).as(offline.consoleProperty().get()).isEqualTo(new RunningApp.State.Exited(0));
            assertThat(offline.offlineProperty().get()).isEqualTo("Started offline with cached sandbox tokens, valid until "
                    + DateTimeFormatter.ofPattern("HH:mm").format(tokenEnds.atZone(ZoneOffset.UTC))
                    + ". Restart once the broker is back for fresh ones.");
            assertThat(offline.consoleProperty().get()).contains("» Offline: ",
                    "Using sandbox tokens cached in your keychain: T (payments-sandbox, minted ", "token-length=");

            // Nothing cached for this sandbox: nothing starts, and the launcher says what to do.
            RunningApp uncached = model.launch(sandboxed("staging", "staging-sandbox", Map.of()));
            assertThat(uncached.stateProperty().get()).isInstanceOfSatisfying(RunningApp.State.Failed.class, f ->
                    assertThat(f.why()).startsWith("Could not start offline. ")
                            .contains("no valid sandbox token is kept on this machine for staging-sandbox")
                            .endsWith("Launch it again once Latchkey can reach the broker: a launch while it is reachable"
                                    + " caches its sandbox tokens in your keychain, so later launches can start offline"
                                    + " until they expire."));
            assertThat(uncached.offlineProperty().get()).isEmpty();

            // A secret value is never cached: a profile that needs one waits for the broker.
            RunningApp withValue = model.launch(sandboxed("with-db", "payments-sandbox",
                    Map.of("DB_URL", new EnvValue.Reference(SecretRef.parse("latchkey://payments/dev/db-url")))));
            assertThat(withValue.stateProperty().get()).isInstanceOfSatisfying(RunningApp.State.Failed.class, f ->
                    assertThat(f.why()).contains("secret values are never kept on this machine")
                            .endsWith("Launch it again once Latchkey can reach the broker."));
        } finally {
            if (!stopped) {
                broker.close();
            }
            session.signOut();
        }
    }

    /** Ada, signed in to {@code broker} with core's session over the real keychain. */
    static Session signedIn(BrokerProcess broker, Path root) throws Exception {
        // The default store: the keychain, as the app opens it. A local user of its own keeps a person's session apart.
        Session session = Session.builder(broker.url()).lockDirectory(root.resolve("locks"))
                .localUser("offline-launch-test-" + System.nanoTime()).build();
        if (session.storageMode() instanceof StorageMode.MemoryOnly m) {
            RealParts.missing("no keychain works here, and cached sandbox tokens live only in one: " + m.reason()
                    + " (run under .ci/with-keyring)");
        }
        session.signIn(p -> {
            try {
                DevSignIn.approve(broker.url(), p.userCode(), "ada");
            } catch (Exception e) {
                throw new IllegalStateException("the dev IdP did not take the approval", e);
            }
        });
        return session;
    }

    static LaunchProfile sandboxed(String name, String sandbox, Map<String, EnvValue> more) {
        return sandboxed(name, sandbox, more, "echo \"token-length=${#T}\"");
    }

    static LaunchProfile sandboxed(String name, String sandbox, Map<String, EnvValue> more, String script) {
        return new LaunchProfile(name, List.of("sh", "-c", script), Optional.empty(), List.of(), more,
                Map.of("T", new SandboxRequest(sandbox, Duration.ofMinutes(10))), true, false, OnExpiry.WARN);
    }
}
