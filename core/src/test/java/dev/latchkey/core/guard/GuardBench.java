package dev.latchkey.core.guard;

import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.agent.AgentServer;
import dev.latchkey.core.agent.AgentService;
import dev.latchkey.core.internal.guard.FingerprintFile;
import dev.latchkey.core.internal.guard.FingerprintSet;
import dev.latchkey.core.internal.guard.GuardKey;
import dev.latchkey.core.internal.guard.KnownValues;
import dev.latchkey.core.internal.guard.RuleSet;
import dev.latchkey.core.internal.guard.Scanner;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The measurements behind bench/guard-bench.sh, one per run (each in a fresh JVM where that
 * matters):
 *
 * <pre>
 * prepare STATE N          record N random values (the corpus's shapes) with the real keychain
 * scan STATE DIFF          key, fingerprint file and a scan of DIFF's lines, each timed (ms)
 * baseline STATE DIFF      the same JVM start and file reads, no scan (for the ratio)
 * corpus STATE DIR         record the corpus values, write the corpus, scan it: caught / cases
 * rules SAMPLE [CONFIG]    built-in rules (or a gitleaks config) on a labelled sample
 * agent STATE SOCKET       an agent serving the guard's scans on SOCKET until killed (the hook asks it)
 * warm STATE DIFF N        N scans of DIFF in one JVM, as a running agent does them: the median of the last half
 * </pre>
 */
public final class GuardBench {

    private GuardBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "prepare" -> prepare(Path.of(args[1]), Integer.parseInt(args[2]));
            case "scan" -> scan(Path.of(args[1]), Path.of(args[2]), true);
            case "baseline" -> scan(Path.of(args[1]), Path.of(args[2]), false);
            case "corpus" -> corpus(Path.of(args[1]), Path.of(args[2]));
            case "rules" -> rules(Path.of(args[1]), args.length > 2 ? Path.of(args[2]) : null);
            case "agent" -> agent(Path.of(args[1]), Path.of(args[2]));
            case "warm" -> warm(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.exit(0);
    }

    private static LeakGuard guard(Path state) {
        return LeakGuard.builder().folder(state).build();
    }

    static void prepare(Path state, int n) throws Exception {
        GuardCorpus c = new GuardCorpus(2026);
        Map<String, String> values = c.values((n + 7) / 8);
        List<Received> got = new ArrayList<>();
        values.forEach((label, v) -> got.add(new Received(label, v, Optional.empty())));
        List<Received> some = got.subList(0, Math.min(n, got.size()));
        Optional<String> notice = guard(state).record(some).get();
        notice.ifPresent(x -> {
            throw new IllegalStateException(x);
        });
        long bytes = Files.size(state.resolve("fingerprints.lkg"));
        System.out.printf("prepared %d values: fingerprint file %d bytes (%.0f bytes per value)%n", some.size(), bytes,
                (double) bytes / some.size());
    }

    static void scan(Path state, Path diff, boolean scan) throws Exception {
        long t0 = System.nanoTime();
        GuardKey key = GuardKey.load(KeychainProbe.reader(), false);
        long t1 = System.nanoTime();
        FingerprintSet set = FingerprintFile.read(state.resolve("fingerprints.lkg"), key.id());
        long t2 = System.nanoTime();
        List<String> lines = Files.readAllLines(diff, StandardCharsets.UTF_8);
        long t3 = System.nanoTime();
        if (!scan) {
            System.out.printf("baseline: read %d lines in %.1f ms%n", lines.size(), (t3 - t2) / 1e6);
            return;
        }
        KnownValues known = System.getenv("GUARD_BENCH_NO_KNOWN") != null ? null
                : new KnownValues(set, key.mac().orElseThrow(), Instant.now());
        RuleSet rules = System.getenv("GUARD_BENCH_NO_RULES") != null ? RuleSet.load(emptyRules()) : RuleSet.builtIn();
        long tRules = System.nanoTime();
        Scanner s = new Scanner(rules, known, set, Set.of());
        int number = 1;
        for (String line : lines) {
            s.line("diff.txt", number++, line);
        }
        long t4 = System.nanoTime();
        System.out.printf("keychain %.1f ms, load %d fingerprints %.1f ms, scan %d lines %.1f ms (%d keyed hashes, "
                + "%d findings; of it, matchers and rules ready in %.1f ms)%n", (t1 - t0) / 1e6, set.size(), (t2 - t1) / 1e6,
                lines.size(), (t4 - t3) / 1e6, known == null ? 0 : known.keyedHashes(), s.findings().size(),
                (tRules - t3) / 1e6);
    }

    /** The scan as a running agent does it: key, file and rules held, the scanner's code compiled by then. */
    static void warm(Path state, Path diff, int rounds) throws Exception {
        GuardKey key = GuardKey.load(KeychainProbe.reader(), false);
        FingerprintSet set = FingerprintFile.read(state.resolve("fingerprints.lkg"), key.id());
        List<String> lines = Files.readAllLines(diff, StandardCharsets.UTF_8);
        RuleSet rules = RuleSet.builtIn();
        double[] ms = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            Scanner s = new Scanner(rules, new KnownValues(set, key.mac().orElseThrow(), Instant.now()), set, Set.of());
            int number = 1;
            for (String line : lines) {
                s.line("diff.txt", number++, line);
            }
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        double[] last = Arrays.copyOfRange(ms, rounds / 2, rounds);
        Arrays.sort(last);
        System.out.printf("warm (in one JVM, as in the agent): scan %d lines median %.1f ms of the last %d of %d scans%n",
                lines.size(), last[last.length / 2], last.length, rounds);
    }

    /**
     * The agent's part of the hook: the real socket server and service with this user's guard, over
     * a session nobody signed in to (a guard scan needs none); as {@code latchkey agent} serves it.
     */
    static void agent(Path state, Path socket) throws Exception {
        Session session = Session.builder(URI.create("http://127.0.0.1:9")).credentialStore(new InMemoryCredentialStore())
                .lockDirectory(Files.createTempDirectory("latchkey-bench-lock")).build();
        AgentService service = new AgentService(session, Clock.systemUTC(), guard(state), line -> { });
        try (AgentServer server = AgentServer.start(new AgentPaths(socket), service, System.err::println)) {
            System.out.println("agent ready on " + server.paths().socket());
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static Path emptyRules() throws IOException {
        Path f = Files.createTempFile("rules", ".toml");
        Files.writeString(f, "[[rules]]\nid = \"none\"\nregex = '''\\A\\z(?!)'''\n");
        return f;
    }

    static void corpus(Path state, Path dir) throws Exception {
        LeakGuard guard = guard(state);
        GuardCorpus c = new GuardCorpus(99);
        Map<String, String> values = c.values(10);
        List<Received> got = new ArrayList<>();
        values.forEach((label, v) -> got.add(new Received(label, v, Optional.empty())));
        guard.record(got).get();
        Files.createDirectories(dir);
        List<GuardCorpus.Case> cases = c.write(dir, values);
        ScanReport r = guard.scan(List.of(dir), dir);
        int caught = 0;
        Map<String, int[]> byFormat = new TreeMap<>();
        for (GuardCorpus.Case k : cases) {
            boolean hit = r.findings().stream().anyMatch(f -> f.path().equals(k.file()) && f.name().equals(k.label()));
            caught += hit ? 1 : 0;
            int[] n = byFormat.computeIfAbsent(k.format(), x -> new int[2]);
            n[0] += hit ? 1 : 0;
            n[1]++;
            if (!hit) {
                System.out.println("missed: " + k.file());
            }
        }
        System.out.printf("corpus: %d values, %d cases, %d caught (%.1f%%)%n", values.size(), cases.size(), caught,
                100.0 * caught / cases.size());
        byFormat.forEach((f, n) -> System.out.printf("  %-16s %d/%d%n", f, n[0], n[1]));
    }

    static void rules(Path sample, Path config) throws Exception {
        RuleSet rules = config == null ? RuleSet.builtIn() : RuleSet.load(config);
        int tp = 0;
        int fn = 0;
        int fp = 0;
        int tn = 0;
        for (String row : Files.readAllLines(sample, StandardCharsets.UTF_8)) {
            if (row.startsWith("#") || row.isBlank()) {
                continue;
            }
            String[] f = row.split("\t", 3);
            boolean secret = f[1].equals("secret");
            boolean flagged = !rules.find("sample.txt", f[2]).isEmpty();
            if (System.getenv("GUARD_BENCH_VERBOSE") != null && flagged != secret) {
                System.out.println((secret ? "missed: " : "false alarm: ") + f[0] + " " + f[2]);
            }
            if (secret) {
                tp += flagged ? 1 : 0;
                fn += flagged ? 0 : 1;
            } else {
                fp += flagged ? 1 : 0;
                tn += flagged ? 0 : 1;
            }
        }
        System.out.printf("%s: %d rules; secrets found %d/%d (%.1f%%), false alarms %d/%d%s%n",
                config == null ? "latchkey built-in" : "gitleaks default (" + config.getFileName() + ")", rules.size(),
                tp, tp + fn, 100.0 * tp / Math.max(1, tp + fn), fp, fp + tn,
                rules.skipped().isEmpty() ? "" : "; " + rules.skipped().size() + " rules not runnable here");
    }
}
