package dev.latchkey.cli.startup;

import dev.latchkey.cli.LatchkeyCommand;
import dev.latchkey.cli.guard.PreCommitHook;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.Received;
import dev.latchkey.core.keychain.Keychains;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The workload the build records the pre-commit hook's own AOT cache from
 * ({@code cli/target/latchkey-hook.aot}; docs/performance.md): the hook scanning a staged diff by
 * itself, as {@code latchkey guard staged --hook} does when no agent serves. The JVM loads every
 * class of an AOT cache as it starts, and the daily commands' cache holds three times the classes
 * a hook needs: a commit's JVM started from it took about 0.1 s longer than from a cache of the
 * hook alone.
 *
 * <p>Like {@link AotTraining} it opens no keychain: the values it records are made up here, with a
 * fingerprint key made up here too, held in this JVM's memory ({@link TrainingKeychain}) while it
 * records; the hook's rounds read that key as a commit does, through {@code secret-tool}, here a
 * stand-in that answers it and nothing else ({@link StandInSecretTool}). So no real value or key
 * can reach the cache (the CLI's tests grep the cache for the training's).
 *
 * <pre>java -XX:AOTCacheOutput=latchkey-hook.aot -cp latchkey.jar dev.latchkey.cli.startup.HookAotTraining WORK</pre>
 *
 * <p>Exits 0 even when a step fails (the cache then holds what ran so far), saying why on stderr.
 */
public final class HookAotTraining {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final int ROUNDS = 3;

    private HookAotTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HookAotTraining WORK");
            System.exit(2);
        }
        try {
            // A folder of its own each run: the fingerprint file a build before wrote is keyed with
            // another (in-memory) key, and recording would refuse it and stop the training early.
            train(Files.createTempDirectory(Files.createDirectories(Path.of(args[0])), "run-"));
        } catch (Exception e) {
            System.err.println("latchkey hook AOT training: stopped early (" + e.getMessage()
                    + "); the cache holds what ran before");
        }
        System.exit(0);
    }

    private static void train(Path work) throws Exception {
        // As the hook's main sets it first (LatchkeyCommand.main): the classes of reflection's native accessor.
        System.setProperty("jdk.reflect.useNativeAccessorOnly", "true");
        // The hook's JVM links main's class (and the few picocli types it names) before the hook runs.
        Class.forName(LatchkeyCommand.class.getName(), true, HookAotTraining.class.getClassLoader());
        // The launcher finds main by reflection, which loads the types of every public method's signature
        // (picocli's CommandLine among them); main's first step installs the handler of uncaught failures.
        LatchkeyCommand.class.getMethod("main", String[].class);
        LatchkeyCommand.reportUncaughtFailures(new String[0]);
        Path repo = TrainingRepository.create(work.resolve("repo"), STEP_TIMEOUT);
        Map<String, String> env = Map.of("LATCHKEY_AGENT", "off", "HOME", work.resolve("home").toString(),
                "XDG_STATE_HOME", work.resolve("state").toString());
        new PreCommitHook.UsersGuard(env).get(); // as the hook makes its guard; reads nothing yet
        new LatchkeyCommand.HookWorld(); // what the hook would record a stopped commit with (not built here)
        // Where the key is read through libsecret: its calls are bound (the keychain itself is not called).
        LeakGuard.prepareKeyRead();
        Path folder = work.resolve("state").resolve("latchkey").resolve("guard");
        TrainingKeychain keychain = new TrainingKeychain();
        keychain.write(StandInSecretTool.GUARD_KEY, StandInSecretTool.madeUpKey());
        LeakGuard guard = LeakGuard.builder().folder(folder).credentialStore(keychain).build();
        List<Received> values = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            values.add(new Received("latchkey://training/hook/value-" + i, "hook-value-" + i, Optional.empty()));
        }
        Optional<String> notice = guard.record(values).get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (notice.isPresent()) {
            throw new IllegalStateException(notice.get());
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true);
        try (StandInSecretTool tool = StandInSecretTool.write(work, StandInSecretTool.madeUpKey())) {
            // A commit's hook reads the key with one secret-tool process (KeychainProbe.reader): each round's
            // guard does the same through the stand-in, so the cache holds that path too.
            if (!hookGuard(folder, tool).staged(repo).fingerprintsOn()) {
                throw new IllegalStateException("the key was not read through the stand-in secret-tool");
            }
            for (int i = 0; i < ROUNDS; i++) {
                LeakGuard round = hookGuard(folder, tool);
                OptionalInt code = PreCommitHook.run(env, repo, quiet, quiet, () -> round, () -> {
                    throw new IllegalStateException("the hook stopped the training's clean diff");
                });
                if (code.isEmpty() || code.getAsInt() != 0) {
                    throw new IllegalStateException("the hook did not pass the training's diff");
                }
            }
        }
    }

    /** A fresh guard over the training's folder, reading its key as a hook does: one run of the (stand-in) tool. */
    private static LeakGuard hookGuard(Path folder, StandInSecretTool tool) {
        return LeakGuard.builder().folder(folder).credentialStore(Keychains.readerThrough(tool.tool())).build();
    }
}
