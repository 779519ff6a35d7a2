package dev.latchkey.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.process.ChildStarter;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.OnExpiry;
import dev.latchkey.core.launch.profile.SandboxRequest;
import dev.latchkey.testsupport.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole launches with real children; the broker is stood in for by a map (the e2e tests use the real one). */
class LaunchTest {

    private static final SecretRef DB = SecretRef.parse("latchkey://payments/dev/db-url");
    private static final SecretRef PROD = SecretRef.parse("latchkey://payments/prod/db-url");
    private static final String DB_VALUE = "postgres://app:hunter2-" + System.nanoTime() + "@db/pay";

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final AtomicInteger resolveCalls = new AtomicInteger();
    private Duration accessLeft = Duration.ofHours(8);

    private final SecretSource broker = (refs, sandboxes) -> {
        resolveCalls.incrementAndGet();
        if (refs.contains(PROD)) {
            return new Resolution.Refused(List.of(new RefusedRef(PROD, RefusedRef.Why.REQUEST_NEEDED)));
        }
        Map<SecretRef, ResolvedSecret> secrets = new HashMap<>();
        for (SecretRef r : refs) {
            secrets.put(r, new ResolvedSecret(r, DB_VALUE, Optional.of(clock.instant().plus(accessLeft))));
        }
        Map<String, SandboxToken> tokens = new HashMap<>();
        sandboxes.forEach((var, req) -> tokens.put(var, new SandboxToken(req.sandbox(),
                "sbx-token-" + resolveCalls.get() + "-" + System.nanoTime(), clock.instant().plus(req.ttl()))));
        return new Resolution.Granted(secrets, tokens);
    };

    private LaunchSettings settings(ChildStarter starter) {
        Map<String, String> parent = new HashMap<>(System.getenv());
        parent.put("LATCHKEY_SESSION_TOKEN", "latchkey-own-token-xyz");
        return LaunchSettings.builder().source(broker).starter(starter).out(out).err(err).notices(notices::add)
                .clock(clock).log(new LaunchLog(folder.resolve("state/launches.jsonl"))).parentEnv(parent).cwd(folder)
                .grace(Duration.ofMillis(300)).tick(Duration.ofMillis(10)).build();
    }

    private static LaunchProfile sh(String script, Map<String, EnvValue> env) {
        return LaunchProfile.forCommand(List.of("sh", "-c", script)).plusEnv(env);
    }

    private static Map<String, EnvValue> dbUrl(SecretRef ref) {
        Map<String, EnvValue> env = new LinkedHashMap<>();
        env.put("DB_URL", new EnvValue.Reference(ref));
        env.put("MODE", new EnvValue.Plain("dev"));
        return env;
    }

    @Test
    void theChildsOutputShowsTheVariableNameInsteadOfTheValue() throws Exception {
        var outcome = new Launch(sh("echo \"url=$DB_URL mode=$MODE\"; echo \"$DB_URL\" >&2", dbUrl(DB)),
                settings(ChildStarter.pipesWithInput())).run();

        assertThat(outcome).isEqualTo(new Launch.Outcome.Exited(0, ((Launch.Outcome.Exited) outcome).pid()));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("url=<latchkey:DB_URL> mode=dev\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("<latchkey:DB_URL>\n");
        assertThat(resolveCalls).hasValue(1);
    }

    @Test
    void withoutMaskingTheRealValueShows() throws Exception {
        LaunchProfile p = sh("echo \"$DB_URL\"", dbUrl(DB)).with(false, false, OnExpiry.WARN);
        new Launch(p, settings(ChildStarter.pipesWithInput())).run();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(DB_VALUE + "\n");
    }

    @Test
    void inAPtyTheChildSeesATerminalAndItsOutputIsStillMasked() throws Exception {
        new Launch(sh("[ -t 1 ] && echo \"tty $DB_URL\"", dbUrl(DB)), settings(ChildStarter.pty(80, 24))).run();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("tty <latchkey:DB_URL>").doesNotContain(DB_VALUE);
    }

    @org.junit.jupiter.api.RepeatedTest(10)
    void aPtyChildThatExitsAtOnceWhileStdinIsOpenLosesNoOutput() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        LaunchSettings s = settings(ChildStarter.pty(80, 24));
        LaunchSettings withInput = s.toBuilder().in(new PipedInputStream(keyboard)).build();
        var outcome = (Launch.Outcome.Exited) new Launch(sh("echo \"last $DB_URL\"; exit 4", dbUrl(DB)), withInput).run();
        assertThat(outcome.exitCode()).isEqualTo(4);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("last <latchkey:DB_URL>");
        keyboard.close();
    }

    @Test
    void theChildGetsTheValuesAndNoneOfLatchkeysOwnVariables() throws Exception {
        LaunchProfile p = sh("env", dbUrl(DB)).with(false, false, OnExpiry.WARN)
                .plusSandboxes(Map.of("STRIPE_KEY", new SandboxRequest("stripe-test", Duration.ofMinutes(30))));
        new Launch(p, settings(ChildStarter.pipesWithInput())).run();
        String env = out.toString(StandardCharsets.UTF_8);
        assertThat(env).contains("DB_URL=" + DB_VALUE, "MODE=dev", "STRIPE_KEY=sbx-token-")
                .doesNotContain("LATCHKEY_", "latchkey-own-token-xyz");
    }

    @Test
    void aPristineLaunchPassesOnlyTheBaseAndItsOwnVariables() throws Exception {
        LaunchProfile p = sh("env", dbUrl(DB)).with(false, true, OnExpiry.WARN);
        new Launch(p, settings(ChildStarter.pipesWithInput())).run();
        List<String> names = out.toString(StandardCharsets.UTF_8).lines().map(l -> l.substring(0, l.indexOf('='))).toList();
        assertThat(names).isSubsetOf("PATH", "HOME", "USER", "LANG", "TERM", "TMPDIR", "DB_URL", "MODE", "PWD", "SHLVL", "_")
                .contains("DB_URL", "MODE", "PATH");
    }

    @Test
    void aRefusedReferenceStartsNothingAndSaysHowToFixIt() throws Exception {
        Path marker = folder.resolve("started");
        var outcome = new Launch(sh("touch " + marker, dbUrl(PROD)), settings(ChildStarter.pipesWithInput())).run();

        assertThat(outcome).isInstanceOf(Launch.Outcome.Refused.class);
        assertThat(marker).doesNotExist();
        assertThat(RefusedRef.message(((Launch.Outcome.Refused) outcome).refused()))
                .contains("latchkey://payments/prod/db-url", "latchkey request payments/prod --duration 1h");
    }

    @Test
    void theChildsExitCodeIsTheLaunchsAndTheLogHoldsNamesButNoValues() throws Exception {
        LaunchLog log = new LaunchLog(folder.resolve("state/launches.jsonl"));
        var outcome = (Launch.Outcome.Exited) new Launch(sh("exit 42", dbUrl(DB)), settings(ChildStarter.pipesWithInput())).run();

        assertThat(outcome.exitCode()).isEqualTo(42);
        LaunchRecord r = log.read().getLast();
        assertThat(r.exitCode()).isEqualTo(42);
        assertThat(r.pid()).isEqualTo(outcome.pid());
        assertThat(r.refs()).containsExactly("latchkey://payments/dev/db-url");
        assertThat(r.command()).containsExactly("sh", "-c", "exit 42");
        assertThat(Files.readString(log.file())).doesNotContain(DB_VALUE);
        // Who launched it (read beside the child's start): this JVM first, then the process that started it.
        long self = ProcessHandle.current().pid();
        assertThat(r.parents()).hasSizeGreaterThan(1);
        assertThat(r.parents().getFirst()).startsWith(self + " ");
        assertThat(r.parents().get(1)).startsWith(ProcessHandle.current().parent().orElseThrow().pid() + " ");
    }

    @Test
    void expiryWarningsComeFromTheInjectedClock() throws Exception {
        accessLeft = Duration.ofMinutes(20);
        Path go = folder.resolve("go");
        Launch launch = new Launch(sh("while [ ! -f " + go + " ]; do sleep 0.02; done", dbUrl(DB)),
                settings(ChildStarter.pipesWithInput()));
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                launch.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(() -> launch.childPid().isPresent());
        assertThat(notices).isEmpty();
        clock.advance(Duration.ofMinutes(6));
        await().until(() -> notices.size() == 1);
        assertThat(notices.getFirst()).contains("access to payments/dev/db-url ends in 14m");
        clock.advance(Duration.ofMinutes(10));
        await().until(() -> notices.size() == 2);
        assertThat(notices.get(1)).contains("ends in 4m");
        Files.createFile(go);
        runner.join();
    }

    @Test
    void onExpiryStopEndsTheChildWithSigtermThenSigkillAfterTheGrace() throws Exception {
        accessLeft = Duration.ofMinutes(2);
        LaunchProfile p = sh("trap '' TERM; while :; do sleep 0.02; done", dbUrl(DB)).with(true, false, OnExpiry.STOP);
        Launch launch = new Launch(p, settings(ChildStarter.pipesWithInput()));
        Thread.ofPlatform().start(() -> {
            await().until(() -> launch.childPid().isPresent());
            clock.advance(Duration.ofMinutes(3));
        });
        var outcome = (Launch.Outcome.Exited) launch.run();
        assertThat(outcome.exitCode()).isEqualTo(128 + 9);
        assertThat(notices).anyMatch(n -> n.contains("has ended; stopping"));
    }

    @Test
    void onExpiryRestartResolvesAgainAndStartsAFreshChild() throws Exception {
        Path flag = folder.resolve("first-run-done");
        LaunchProfile p = sh("echo \"run $STRIPE_KEY\"; if [ -f " + flag + " ]; then exit 3; fi; touch " + flag
                        + "; while :; do sleep 0.02; done", Map.of())
                .plusSandboxes(Map.of("STRIPE_KEY", new SandboxRequest("stripe-test", Duration.ofMinutes(10))))
                .with(true, false, OnExpiry.RESTART);
        Launch launch = new Launch(p, settings(ChildStarter.pipesWithInput()));
        Thread.ofPlatform().start(() -> {
            await().until(() -> Files.exists(flag));
            clock.advance(Duration.ofMinutes(11));
        });
        var outcome = (Launch.Outcome.Exited) launch.run();

        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(resolveCalls).hasValue(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("run <latchkey:STRIPE_KEY>\nrun <latchkey:STRIPE_KEY>\n");
        assertThat(new LaunchLog(folder.resolve("state/launches.jsonl")).read()).hasSize(2)
                .first().satisfies(r -> assertThat(r.note()).hasValueSatisfying(n -> assertThat(n).startsWith("restarted")));
    }
}
