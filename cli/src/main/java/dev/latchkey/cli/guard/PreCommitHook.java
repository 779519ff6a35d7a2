package dev.latchkey.cli.guard;

import dev.latchkey.cli.common.CliContext;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.agent.GuardScanClient;
import dev.latchkey.core.guard.GuardException;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.ScanReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The pre-commit hook ({@code latchkey guard staged --hook}), run before any command line is
 * built: every commit starts it, and picocli's model (its classes are too old for the JDK's AOT
 * cache) was a good part of its start. First through a running agent: git makes the staged diff
 * here, in the hook's own environment (a commit's temporary index), and the agent, which holds the
 * fingerprint key and file in memory and whose scanner is warm, scans it; this process then reads
 * no keychain and loads no JSON library. When no agent scans (none runs, {@code LATCHKEY_AGENT=off},
 * a diff too large for it, anything failing), the hook scans by itself, exactly as
 * {@code guard staged --hook} does. Only when that fails too (not a repository, git missing)
 * nothing was printed, and the command line runs the command to say why.
 */
public final class PreCommitHook {

    /** The staged diff, exactly as {@code guard staged} reads it. */
    private static final List<String> DIFF = List.of("diff", "--cached", "-U0", "-M", "--no-color", "--no-ext-diff",
            "--diff-filter=d");
    private static final int MAX_DIFF = 16 * 1024 * 1024;

    private PreCommitHook() {
    }

    /**
     * Runs the hook, through the agent when one scans, else by itself; the exit code, or empty
     * when it could not scan (then nothing was printed). Git runs a hook in the top folder of the
     * working tree, so that is the repository whose rules apply.
     *
     * @param world the CLI's context over the real world, built only when a stopped commit is recorded and reported
     */
    public static OptionalInt run(Map<String, String> env, Path top, PrintStream out, PrintStream err,
                                  Supplier<CliContext> world) {
        return run(env, top, out, err, new UsersGuard(env), world);
    }

    /**
     * The guard of the user {@code env} describes ({@link LeakGuard#forEnvironment}): a class rather
     * than a lambda, so it comes from the hook's AOT cache (its training makes one); a lambda the
     * training never linked was spun on every commit.
     */
    public static final class UsersGuard implements Supplier<LeakGuard> {
        private final Map<String, String> env;

        public UsersGuard(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public LeakGuard get() {
            return LeakGuard.forEnvironment(env);
        }
    }

    /**
     * {@link #run(Map, Path, PrintStream, PrintStream, Supplier)} with the guard that scans when no
     * agent does: the build's training of the hook's AOT cache gives one over an in-memory key.
     */
    public static OptionalInt run(Map<String, String> env, Path top, PrintStream out, PrintStream err,
                                  Supplier<LeakGuard> guard, Supplier<CliContext> world) {
        Optional<ScanReport> report = throughAgent(env, top);
        if (report.isEmpty()) {
            try {
                report = Optional.of(guard.get().staged(top));
            } catch (GuardException | RuntimeException e) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(finish(report.get(), top, out, err, world));
    }

    /** The agent's scan of the staged changes in {@code top}, or empty when no agent scanned them. */
    public static Optional<ScanReport> throughAgent(Map<String, String> env, Path top) {
        if ("off".equalsIgnoreCase(env.getOrDefault("LATCHKEY_AGENT", ""))) {
            return Optional.empty();
        }
        AgentPaths paths = AgentPaths.from(env);
        if (!Files.exists(paths.socket())) {
            return Optional.empty();
        }
        return diff(top).flatMap(d -> GuardScanClient.staged(paths, top, d, GuardScanClient.TIMEOUT));
    }

    private static int finish(ScanReport r, Path top, PrintStream out, PrintStream err, Supplier<CliContext> world) {
        PrintWriter o = new PrintWriter(out, false, StandardCharsets.UTF_8);
        PrintWriter e = new PrintWriter(err, false, StandardCharsets.UTF_8);
        if (!r.found()) {
            GuardOutput.text(o, e, r, "commit", true, List.of());
            return 0;
        }
        // A stopped commit: recorded and reported as the command itself does (rare, so the full world is fine).
        CliContext ctx = world.get();
        try {
            return GuardCommand.finish(ctx, ctx.guard().get(), r, false, "commit", true, "pre-commit", top, o, e);
        } catch (Exception failed) {
            // The findings are what matters: print them even when recording or reporting failed.
            GuardOutput.text(o, e, r, "commit", true, List.of());
            return 1;
        }
    }

    /** The staged diff, or empty when git fails or it is larger than the agent takes. */
    private static Optional<byte[]> diff(Path top) {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add("git");
        pb.command().addAll(DIFF);
        pb.directory(top.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] bytes = readUpTo(p.getInputStream(), MAX_DIFF);
            if (bytes == null) {
                p.destroy();
                return Optional.empty();
            }
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** All of {@code in}, or null when it holds more than {@code max} bytes. */
    private static byte[] readUpTo(InputStream in, int max) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
        byte[] chunk = new byte[1 << 16];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            if (buf.size() + n > max) {
                return null;
            }
            buf.write(chunk, 0, n);
        }
        return buf.toByteArray();
    }
}
