package dev.latchkey.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.expiry.ExpiryEvent;
import dev.latchkey.core.launch.process.PosixSignal;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.OnExpiry;
import dev.latchkey.core.launch.profile.SandboxRequest;
import dev.latchkey.testsupport.MutableClock;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch given two secrets of one scope under two grants of different ends (6 and 30 minutes)
 * counts down, warns and ends by each grant, not by the scope or a sandbox token.
 */
class LaunchPerGrantTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final SecretRef DB = SecretRef.parse("latchkey://payments/prod/db-url");
    private static final SecretRef STRIPE = SecretRef.parse("latchkey://payments/prod/stripe-api-key");

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(T0);
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final List<ExpiryEvent> heard = new CopyOnWriteArrayList<>();

    private static ResolvedSecret secret(SecretRef ref, Duration left, String grant) {
        return new ResolvedSecret(ref, "value-of-" + ref.name() + "-" + System.nanoTime(), Optional.of(T0.plus(left)),
                Optional.of(grant));
    }

    private final SecretSource broker = (refs, sandboxes) -> new Resolution.Granted(
            Map.of(DB, secret(DB, Duration.ofMinutes(6), "g_db"), STRIPE, secret(STRIPE, Duration.ofMinutes(30), "g_stripe")),
            Map.of("SANDBOX", new SandboxToken("payments-sandbox", "sbx-" + System.nanoTime(), T0.plus(Duration.ofMinutes(15)))));

    private Launch launch(OnExpiry onExpiry) {
        Map<String, EnvValue> env = new LinkedHashMap<>();
        env.put("DB_URL", new EnvValue.Reference(DB));
        env.put("STRIPE_KEY", new EnvValue.Reference(STRIPE));
        LaunchProfile p = LaunchProfile.forCommand(List.of("sh", "-c", "while :; do sleep 0.02; done")).plusEnv(env)
                .plusSandboxes(Map.of("SANDBOX", new SandboxRequest("payments-sandbox", Duration.ofMinutes(15))))
                .with(true, false, onExpiry);
        Launch launch = new Launch(p, LaunchSettings.builder().source(broker).out(new ByteArrayOutputStream())
                .err(new ByteArrayOutputStream()).notices(notices::add).clock(clock)
                .log(new LaunchLog(folder.resolve("launches.jsonl"))).parentEnv(System.getenv()).cwd(folder)
                .grace(Duration.ofMillis(300)).tick(Duration.ofMillis(10)).build());
        launch.addExpiryListener(heard::add);
        return launch;
    }

    private List<String> warned(String label) {
        return heard.stream().filter(e -> e instanceof ExpiryEvent.Warning && e.item().label().equals(label))
                .map(e -> ((ExpiryEvent.Warning) e).threshold().toMinutes() + "m").toList();
    }

    @Test
    void deadlinesAreOnePerGrantAndPerSandboxToken() throws Exception {
        List<Expiring> items = Deadlines.of((Resolution.Granted) broker.resolve(Set.of(DB, STRIPE), Map.of()));
        assertThat(items).extracting(Expiring::label).containsExactly("access to payments/prod/db-url",
                "sandbox token SANDBOX (payments-sandbox)", "access to payments/prod/stripe-api-key");
        assertThat(items.getFirst().grantId()).contains("g_db");
        assertThat(items.getFirst().endsAt()).isEqualTo(T0.plus(Duration.ofMinutes(6)));

        Resolution.Granted oneGrant = new Resolution.Granted(Map.of(DB, secret(DB, Duration.ofMinutes(9), "g_all"),
                STRIPE, secret(STRIPE, Duration.ofMinutes(9), "g_all")), Map.of());
        assertThat(Deadlines.of(oneGrant)).singleElement()
                .satisfies(e -> assertThat(e.label()).isEqualTo("access to payments/prod (db-url, stripe-api-key)"));

        Resolution.Granted unnamed = new Resolution.Granted(Map.of(DB, new ResolvedSecret(DB, "v",
                Optional.of(T0.plus(Duration.ofMinutes(9)))), STRIPE, new ResolvedSecret(STRIPE, "w",
                Optional.of(T0.plus(Duration.ofMinutes(40))))), Map.of());
        assertThat(Deadlines.of(unnamed)).as("without grant ids: by scope and end").hasSize(2)
                .allSatisfy(e -> assertThat(e.grantId()).isEmpty());
    }

    @Test
    void theShorterGrantWarnsAtFiveAndOneMinuteAndStopsTheProgramAtItsEnd() throws Exception {
        Launch launch = launch(OnExpiry.STOP);
        Thread.ofPlatform().start(() -> {
            await().until(() -> launch.childPid().isPresent() && !heard.isEmpty());
            clock.advance(Duration.ofMinutes(1));
            await().until(() -> warned("access to payments/prod/db-url").size() == 2);
            clock.advance(Duration.ofMinutes(4));
            await().until(() -> warned("access to payments/prod/db-url").size() == 3);
            clock.advance(Duration.ofMinutes(1));
        });
        var outcome = (Launch.Outcome.Exited) launch.run();

        assertThat(outcome.exitCode()).isEqualTo(128 + 15);
        assertThat(warned("access to payments/prod/db-url")).containsExactly("15m", "5m", "1m");
        assertThat(warned("access to payments/prod/stripe-api-key")).as("30 minutes left: not yet").isEmpty();
        assertThat(heard).filteredOn(e -> e instanceof ExpiryEvent.Expired).singleElement()
                .satisfies(e -> assertThat(e.item().grantId()).contains("g_db"));
        assertThat(notices).contains("latchkey: access to payments/prod/db-url has ended; stopping the program");
        assertThat(String.join("\n", notices)).doesNotContain("value-of-");
    }

    @Test
    void aRevokedGrantEndsOnlyWhatItGaveAndAnotherGrantOfTheScopeChangesNothing() throws Exception {
        Launch launch = launch(OnExpiry.WARN);
        Thread.ofPlatform().start(() -> {
            await().until(() -> launch.childPid().isPresent());
            launch.grantEnded("g_someone_elses", "payments/prod", "revoked by grace");
            launch.grantEnded("g_stripe", "payments/prod", "revoked by grace: incident over");
            await().until(() -> notices.stream().anyMatch(n -> n.contains("has ended")));
            launch.forward(PosixSignal.TERM);
        });
        launch.run();

        assertThat(notices).containsSubsequence(
                "latchkey: access to payments/prod/stripe-api-key: grant g_stripe was revoked by grace: incident over",
                "latchkey: access to payments/prod/stripe-api-key has ended; the program keeps running without working"
                        + " credentials");
        assertThat(notices).noneMatch(n -> n.contains("g_someone_elses") || n.contains("db-url has ended"));
        assertThat(heard).filteredOn(e -> e instanceof ExpiryEvent.Expired).singleElement()
                .satisfies(e -> assertThat(e.item().grantId()).contains("g_stripe"));
    }
}
