package dev.latchkey.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.AccessNeed;
import dev.latchkey.app.common.BackgroundTaskRunner;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.AccessRequestForm;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.BrokerSecretSource;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.OnExpiry;
import dev.latchkey.testsupport.broker.BrokerProcess;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's view model launching real children with ada's references from a real dev broker. */
class LauncherViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final SecretRef DB_URL = SecretRef.parse("latchkey://payments/dev/db-url");

    private static BrokerProcess broker;
    private static BrokerClient ada;

    @TempDir
    Path root;

    private final ManualScheduler scheduler = new ManualScheduler(NOW);
    private final List<RunningApp> changes = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = DevBroker.start();
        String token = DevSignIn.accessToken(broker.url(), "ada");
        ada = Latchkey.brokerClient(broker.url(), () -> token);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private LauncherViewModel model(TaskRunner tasks, SecretSource source) {
        LocalFolders folders = LocalFolders.under(root);
        return new LauncherViewModel(tasks, scheduler, new ProfileStore(folders.config()), source, folders, changes::add);
    }

    private static LaunchProfile echo(String name, String ref) {
        return new LaunchProfile(name, List.of("sh", "-c", "echo \"url=$DB_URL\""), Optional.empty(), List.of(),
                Map.of("DB_URL", new EnvValue.Reference(SecretRef.parse(ref))), Map.of(), true, false, OnExpiry.WARN);
    }

    @Test
    void aLaunchShowsTheChildsOutputMaskedAndNoFileHoldsTheValue() throws Exception {
        String value = ada.resolve(List.of(DB_URL)).secrets().getFirst().value();
        LauncherViewModel model = model(new SameThreadTaskRunner(), new BrokerSecretSource(ada));
        model.save(echo("payments-api", DB_URL.toString()), Optional.empty(), () -> { });
        assertThat(model.profiles()).extracting(ProfileEntry::label).containsExactly("payments-api");

        RunningApp app = model.launchSelected().orElseThrow();
        assertThat(app.stateProperty().get()).isEqualTo(new RunningApp.State.Exited(0));
        assertThat(app.consoleProperty().get()).contains("url=<latchkey:DB_URL>").doesNotContain(value)
                .contains("exited with code 0");
        assertThat(changes).as("granted, then ended: the tray is told both").containsExactly(app, app);
        assertThat(LocalFolders.under(root).launchLog().read()).singleElement()
                .satisfies(r -> assertThat(r.refs()).containsExactly(DB_URL.toString()));
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.UTF_8)).as(f.toString()).doesNotContain(value);
            }
        }
    }

    @Test
    void aRefusedLaunchStartsNothingAndSaysHowToGetAccess() {
        LauncherViewModel model = model(new SameThreadTaskRunner(), new BrokerSecretSource(ada));
        RunningApp app = model.launch(echo("prod", "latchkey://payments/prod/db-url"));
        assertThat(app.stateProperty().get()).isInstanceOfSatisfying(RunningApp.State.Refused.class,
                r -> assertThat(r.refused()).hasSize(1));
        assertThat(app.consoleProperty().get()).contains("nothing was started").contains("latchkey request payments/prod");
        // "Request access …" on the refused launch opens the form for that scope with the missing secret ticked.
        assertThat(LauncherView.requestable(app.stateProperty().get()))
                .contains(new AccessNeed("payments/prod", List.of("db-url")));
    }

    @Test
    void aRefusedLaunchTicksEveryMissingSecretOfTheFirstRequestableScopeOnce() {
        RunningApp.State refused = new RunningApp.State.Refused(List.of(
                new RefusedRef(SecretRef.parse("latchkey://search/prod/es-password"), RefusedRef.Why.NO_ACCESS),
                new RefusedRef(SecretRef.parse("latchkey://payments/prod/db-url"), RefusedRef.Why.REQUEST_NEEDED),
                new RefusedRef(SecretRef.parse("latchkey://payments/staging/db-url"), RefusedRef.Why.REQUEST_NEEDED),
                new RefusedRef(SecretRef.parse("latchkey://payments/prod/stripe-api-key"), RefusedRef.Why.REQUEST_NEEDED),
                new RefusedRef(SecretRef.parse("latchkey://payments/prod/db-url"), RefusedRef.Why.REQUEST_NEEDED)));
        assertThat(LauncherView.requestable(refused))
                .contains(new AccessNeed("payments/prod", List.of("db-url", "stripe-api-key")));
        assertThat(LauncherView.requestable(new RunningApp.State.Refused(List.of(
                new RefusedRef(SecretRef.parse("latchkey://search/prod/es-password"), RefusedRef.Why.NO_ACCESS)))))
                .as("nothing a request would fix: no form").isEmpty();
    }

    @Test
    void aProjectFolderAddsItsProfilesAndABrokenFileSaysWhichLine() throws IOException {
        LauncherViewModel model = model(new SameThreadTaskRunner(), new BrokerSecretSource(ada));
        Path project = Files.createDirectories(root.resolve("shop"));
        Files.writeString(project.resolve("latchkey.toml"), """
                [profiles.web]
                command = "npm"
                args = ["start"]
                """);
        model.openProject(project);
        assertThat(model.profiles()).extracting(ProfileEntry::label).containsExactly("web  (shop/latchkey.toml)");
        assertThat(model.profiles().getFirst().editable()).isFalse();

        Files.writeString(project.resolve("latchkey.toml"), "[profiles.web]\nargs = [\"start\"]\n");
        model.openProject(project);
        assertThat(model.messageProperty().get()).contains("latchkey.toml:1").contains("needs command");
        model.openProject(root);
        assertThat(model.messageProperty().get()).contains("there is no latchkey.toml in this folder");
    }

    @Test
    void aRunningAppCountsDownToItsEarliestEndAndStopsAndRestarts() {
        // A grant ending in 20 minutes, as a staging grant would give; the value is a stand-in.
        AtomicInteger resolutions = new AtomicInteger();
        SecretSource granted = (refs, sandboxes) -> {
            resolutions.incrementAndGet();
            return new Resolution.Granted(Map.of(DB_URL, new ResolvedSecret(DB_URL, "postgresql://stand-in",
                    Optional.of(NOW.plus(Duration.ofMinutes(20))), Optional.of("g_stand_in"))), Map.of());
        };
        BackgroundTaskRunner tasks = new BackgroundTaskRunner();
        LauncherViewModel model = model(tasks, granted);
        LaunchProfile sleeper = new LaunchProfile("sleeper", List.of("sh", "-c", "echo up; exec sleep 60"), Optional.empty(),
                List.of(), Map.of("DB_URL", new EnvValue.Reference(DB_URL)), Map.of(), true, false, OnExpiry.WARN);
        RunningApp[] app = new RunningApp[1];
        tasks.ui(() -> app[0] = model.launch(sleeper));
        await().atMost(Duration.ofSeconds(10)).until(() -> app[0].consoleProperty().get().contains("up"));
        assertThat(app[0].stateProperty().get()).isInstanceOf(RunningApp.State.Running.class);
        assertThat(app[0].countdownProperty().get()).isEqualTo("Access to payments/dev/db-url ends in 20 min (at 10:20).");
        tasks.ui(() -> scheduler.advance(Duration.ofSeconds(61)));
        assertThat(app[0].countdownProperty().get()).isEqualTo("Access to payments/dev/db-url ends in 19 min (at 10:20).");
        assertThat(app[0].grantToExtend()).as("Extend asks for more of the grant that ends first").contains("g_stand_in");

        tasks.ui(() -> app[0].restart());
        await().atMost(Duration.ofSeconds(10)).until(() -> resolutions.get() == 2
                && app[0].stateProperty().get() instanceof RunningApp.State.Running);
        tasks.ui(() -> app[0].stop());
        await().atMost(Duration.ofSeconds(10)).until(() -> app[0].stateProperty().get() instanceof RunningApp.State.Exited);
        assertThat(app[0].stateProperty().get()).isEqualTo(new RunningApp.State.Exited(143));
        assertThat(app[0].countdownProperty().get()).isEmpty();
        assertThat(app[0].consoleProperty().get()).doesNotContain("stand-in");
    }

    @Test
    void launchWhenApprovedWaitsForTheDecisionThenLaunchesWithTheNewGrant() throws Exception {
        String grace = DevSignIn.accessToken(broker.url(), "grace");
        LauncherViewModel model = model(new SameThreadTaskRunner(), new BrokerSecretSource(ada));
        LaunchProfile prod = echo("prod-api", "latchkey://payments/prod/db-url");
        assertThat(model.launch(prod).stateProperty().get()).isInstanceOf(RunningApp.State.Refused.class);

        var request = ada.requestAccess(AccessRequestForm.of("payments/prod",
                Duration.ofMinutes(30), "PAY-300 launch the API against prod"));
        model.launchWhenApproved(prod, request);
        assertThat(model.messageProperty().get()).isEqualTo("prod-api launches as soon as the request for payments/prod is approved.");
        assertThat(model.apps()).hasSize(1);

        Latchkey.brokerClient(broker.url(), () -> grace).approve(request.id(), "ok");
        model.decided(request.id(), AccessRequest.State.APPROVED);
        assertThat(model.apps()).hasSize(2);
        RunningApp launched = model.apps().getLast();
        assertThat(launched.stateProperty().get()).isEqualTo(new RunningApp.State.Exited(0));
        assertThat(launched.consoleProperty().get()).contains("url=<latchkey:DB_URL>");

        model.decided(request.id(), AccessRequest.State.APPROVED);
        assertThat(model.apps()).as("one decision, one launch").hasSize(2);
    }
}
