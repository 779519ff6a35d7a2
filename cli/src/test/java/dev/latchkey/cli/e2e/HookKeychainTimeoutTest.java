package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.CliProcess;
import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.e2e.GuardAgainstDevBrokerTest.Ran;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keychain that never answers does not hold a commit: the installed pre-commit hook, without an
 * agent, waits at most its 15 s bound for the fingerprint key, then runs the pattern rules, stops
 * the commit on their finding and says that fingerprints are off and why. The keychain here is a
 * session bus that takes connections and never says a word, so every keychain call (the
 * {@code secret-tool} lookup, libsecret in the JVM) hangs as it would on a wedged Secret Service.
 */
class HookKeychainTimeoutTest {

    /** The scan's bound on the keychain (Scans.KEYCHAIN_BOUND). */
    private static final Duration BOUND = Duration.ofSeconds(15);
    /** A JVM start, git and the finish on a loaded machine, on top of the bound. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    @TempDir
    Path home;

    private ServerSocketChannel bus;
    private final List<SocketChannel> held = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeTheBus() throws IOException {
        // The hook's secret-tool, still waiting, now sees the bus go and ends.
        if (bus != null) {
            bus.close();
        }
        for (SocketChannel c : held) {
            c.close();
        }
    }

    @Test
    void theHookRunsThePatternRulesAndSaysFingerprintsAreOffWithinTheBound() throws Exception {
        Path socket = Files.createDirectories(home.resolve("rt")).resolve("silent-bus");
        bus = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    held.add(bus.accept()); // never read, never answered
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", home.resolve("rt").toString(),
                "XDG_STATE_HOME", home.resolve("state").toString(), "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "LATCHKEY_AGENT", "off");
        Map<String, String> silent = new HashMap<>(env);
        silent.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + socket);
        Path repo = Files.createDirectories(home.resolve("repo"));
        assertThat(run(List.of("git", "init", "-q"), repo, env).code()).isZero();
        Ran installed = run(List.of(launcher().toString(), "guard", "install", "--command", launcher().toString()), repo,
                env);
        assertThat(installed.code()).as(installed.toString()).isZero();
        Files.writeString(repo.resolve("aws.env"), "AWS_ACCESS_KEY_ID=AKIAQYLPMN5HHHFPZAM2\n");
        assertThat(run(List.of("git", "add", "aws.env"), repo, env).code()).isZero();
        assertThat(held).as("nothing has asked the keychain yet").isEmpty();

        long t0 = System.nanoTime();
        Ran hook = run(List.of(repo.resolve(".git/hooks/pre-commit").toString()), repo, silent);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(held).as("the hook asked the silent keychain").isNotEmpty();
        assertThat(took).as(hook.toString()).isLessThan(BOUND.plus(SLACK));
        assertThat(hook.code()).as(hook.toString()).isEqualTo(1);
        assertThat(hook.out()).contains("aws.env:1");
        assertThat(hook.all()).contains("fingerprints are off: the keychain did not answer within 15 s")
                .contains("pattern rules still run");
    }

    /** A script that starts this build's CLI, for the hook to run (as an installed {@code latchkey} would be). */
    private Path launcher() throws IOException {
        Path launcher = home.resolve("bin/latchkey");
        if (Files.exists(launcher)) {
            return launcher;
        }
        StringBuilder script = new StringBuilder("#!/bin/sh\nexec");
        for (String part : CliProcess.builder(home, Map.of(), List.of()).command()) {
            script.append(" '").append(part.replace("'", "'\\''")).append('\'');
        }
        script.append(" \"$@\"\n");
        Files.writeString(Files.createDirectories(launcher.getParent()).resolve("latchkey"), script.toString());
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        return launcher;
    }

    private Ran run(List<String> cmd, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(CliRun.env(home, env));
        return GuardAgainstDevBrokerTest.finish(pb.start());
    }
}
