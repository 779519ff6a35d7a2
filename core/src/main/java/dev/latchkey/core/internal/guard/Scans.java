package dev.latchkey.core.internal.guard;

import dev.latchkey.core.guard.GuardException;
import dev.latchkey.core.guard.ScanReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One scan: the rules and known values ready, then git's output or files through a {@link Scanner}. */
public final class Scans {

    private static final Duration HOOK_BOUND = Duration.ofMinutes(2);
    private static final Duration HISTORY_BOUND = Duration.ofMinutes(30);
    private static final String ZEROS = "0000000000000000000000000000000000000000";
    private static final String[] LOG = {"log", "-p", "-U0", "-M", "--no-color", "--no-ext-diff", "--format=commit %H"};

    private final ScanContext guard;
    private final Git git;
    private final List<String> notes = new ArrayList<>();

    public Scans(ScanContext guard, Git git) {
        this.guard = guard;
        this.git = git;
    }

    /**
     * Starts reading the key and the fingerprint file now, each on a thread of its own: the
     * keychain is the slowest part (a child process or a native call that mostly waits), the
     * file's CRC the next, and both overlap with git. The file is matched with the key when
     * both are there.
     */
    private CompletableFuture<Known> known() {
        CompletableFuture<LoadedFingerprints> file = CompletableFuture.supplyAsync(
                () -> FingerprintFile.load(guard.files().fingerprints()), Scans::fileThread);
        return CompletableFuture.supplyAsync(() -> GuardKey.load(guard.store(), false), guard.background())
                .thenCombine(file, this::known);
    }

    private static void fileThread(Runnable r) {
        Thread t = new Thread(r, "latchkey-guard-file");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The pre-commit scan. The keychain read is the slowest step, so it runs beside everything
     * that does not need the key: git, the pattern rules (found line by line while git's output
     * arrives) and, as soon as the key is there, the fingerprint file. Only the known-value pass
     * waits for it.
     */
    public ScanReport staged() throws GuardException {
        CompletableFuture<Known> known = known();
        Path top = Hooks.stagedTop(git);
        RuleSet rules = rules(top);
        List<Object[]> events = new ArrayList<>();
        try {
            git.stream(HOOK_BOUND, in -> new DiffReader(new DiffReader.Sink() {
                @Override
                public void commit(String sha) {
                }

                @Override
                public void line(String path, int number, String text) {
                    if (!rules.pathAllowed(path)) {
                        events.add(new Object[] {path, number, text, rules.find(path, text)});
                    }
                }

                @Override
                public void note(String path, String why) {
                    events.add(new Object[] {path, why});
                }
            }).read(in), "diff", "--cached", "-U0", "-M", "--no-color", "--no-ext-diff", "--diff-filter=d");
        } catch (Git.GitException e) {
            throw new GuardException(e.getMessage(), "check that git works in " + top);
        }
        Scanner s = scanner(rules, await(known), Set.of());
        for (Object[] e : events) {
            if (e.length == 4) {
                @SuppressWarnings("unchecked")
                List<PatternRule.Hit> hits = (List<PatternRule.Hit>) e[3];
                s.line((String) e[0], (Integer) e[1], (String) e[2], hits);
            } else {
                s.note((String) e[0], (String) e[1]);
            }
        }
        return report(s);
    }

    public ScanReport push(String remote, List<String> refLines) throws GuardException {
        CompletableFuture<Known> known = known();
        Scanner s = scanner(rules(Hooks.top(git)), await(known), Set.of());
        for (String line : refLines) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4 || f[1].equals(ZEROS)) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of(LOG));
            if (f[3].equals(ZEROS) || git.text("cat-file", "-e", f[3] + "^{commit}").isEmpty()) {
                args.add(f[1]);
                args.add("--not");
                args.add(remote == null || remote.isBlank() ? "--remotes" : "--remotes=" + remote);
            } else {
                args.add(f[3] + ".." + f[1]);
            }
            log(s, HOOK_BOUND, args);
        }
        return report(s);
    }

    public ScanReport history() throws GuardException {
        CompletableFuture<Known> known = known();
        Path top = Hooks.top(git);
        Set<String> published = new HashSet<>(
                List.of(git.text("rev-list", "--remotes").orElse("").split("\\s+")));
        published.remove("");
        Scanner s = scanner(rules(top), await(known), published);
        List<String> args = new ArrayList<>(List.of(LOG));
        args.add("--all");
        log(s, HISTORY_BOUND, args);
        return report(s);
    }

    public ScanReport files(List<Path> paths) {
        CompletableFuture<Known> known = known();
        RuleSet rules = git.text("rev-parse", "--show-toplevel").map(top -> rules(Path.of(top)))
                .orElseGet(RuleSet::builtIn);
        Scanner s = scanner(rules, await(known), Set.of());
        for (Path p : paths) {
            Path abs = git.dir().resolve(p).toAbsolutePath().normalize();
            List<Path> listed = Files.isDirectory(abs) ? gitFiles(abs) : List.of();
            if (listed.isEmpty()) {
                FileWalk.scan(s, abs, Files.isDirectory(abs) ? abs : null);
            } else {
                // In a repository, a folder means its files that git tracks or would add:
                // build output and other ignored files are not the repository's content.
                listed.forEach(f -> FileWalk.scan(s, f, abs));
            }
        }
        return report(s);
    }

    private List<Path> gitFiles(Path dir) {
        return new Git(dir, gitExecutable()).text("ls-files", "-z", "-co", "--exclude-standard")
                .map(out -> Arrays.stream(out.split("\0")).filter(x -> !x.isBlank()).map(dir::resolve)
                        .filter(Files::exists).sorted().toList())
                .orElse(List.of());
    }

    private String gitExecutable() {
        return git.executable();
    }

    private void log(Scanner s, Duration bound, List<String> args) throws GuardException {
        try {
            git.stream(bound, in -> new DiffReader(s).read(in), args.toArray(String[]::new));
        } catch (Git.GitException e) {
            throw new GuardException(e.getMessage(), "check that git works in " + git.dir());
        }
    }

    private RuleSet rules(Path top) {
        try {
            RuleSet r = RuleSet.forRepository(top);
            r.skipped().forEach(x -> notes.add(RuleSet.FILE + ": rule skipped: " + x));
            return r;
        } catch (GuardConfigException e) {
            notes.add(e.getMessage() + "; using the built-in rules (format: docs/guard.md)");
            return RuleSet.builtIn();
        }
    }

    private String state = "";
    private boolean on;
    private KnownValues known;

    /** What the known-value pass needs: the fingerprint file read with the key, or why fingerprints are off. */
    record Known(FingerprintSet set, KnownValues values, String state) {

        /** Known values of {@code set}, read for {@code key}, as of {@code now}. */
        static Known of(FingerprintSet set, GuardKey key, Instant now) {
            int n = set.entries().size();
            return new Known(set, new KnownValues(set, key.mac().orElseThrow(), now),
                    "fingerprints on: " + n + " received value" + (n == 1 ? "" : "s") + " recorded");
        }

        /** Fingerprints off, saying why. */
        static Known off(GuardKey key, String why) {
            return new Known(FingerprintSet.empty(key.id()), null, why);
        }
    }

    /** The fingerprint file as read, matched with {@code key} (while git and the rules run). */
    private Known known(GuardKey key, LoadedFingerprints file) {
        if (key.mac().isEmpty()) {
            return Known.off(key, key.why());
        }
        try {
            return Known.of(file.forKey(key.id()), key, guard.now());
        } catch (GuardFileException e) {
            return Known.off(key, "fingerprints are off: " + e.getMessage() + "; " + e.hint());
        }
    }

    /**
     * A staged diff someone else ran git for (the hook, asking the agent), with the known values
     * {@code k} already in memory; the rules come from the repository at {@code top}.
     */
    ScanReport diff(Known k, Path top, InputStream diff) throws GuardException {
        Scanner s = scanner(rules(top), k, Set.of());
        try {
            new DiffReader(s).read(diff);
        } catch (IOException e) {
            throw new GuardException("the staged changes could not be read (" + e.getMessage() + ")",
                    "commit again; if it goes on, stop the agent and commit without it");
        }
        return report(s);
    }

    private Scanner scanner(RuleSet rules, Known k, Set<String> published) {
        state = k.state();
        known = k.values();
        on = known != null;
        return new Scanner(rules, known, k.set(), published);
    }

    private Known await(CompletableFuture<Known> key) {
        try {
            return key.get(KEYCHAIN_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return off("fingerprints are off: the keychain did not answer within "
                    + KEYCHAIN_BOUND.toSeconds() + " s; pattern rules still run");
        } catch (ExecutionException e) {
            return off("fingerprints are off: " + e.getCause().getMessage() + "; pattern rules still run");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return off("fingerprints are off: interrupted");
        }
    }

    private static Known off(String why) {
        return Known.off(GuardKey.off(why), why);
    }

    private static final Duration KEYCHAIN_BOUND = Duration.ofSeconds(15);

    private ScanReport report(Scanner s) {
        List<String> all = new ArrayList<>(notes);
        List<String> binary = new ArrayList<>();
        for (String n : s.notes()) {
            if (n.endsWith(": binary: not scanned")) {
                binary.add(n.substring(0, n.length() - ": binary: not scanned".length()));
            } else {
                all.add(n);
            }
        }
        if (binary.size() == 1) {
            all.add(binary.getFirst() + ": binary: not scanned");
        } else if (binary.size() > 1) {
            all.add(binary.size() + " binary files not scanned (" + String.join(", ", binary.subList(0,
                    Math.min(3, binary.size()))) + (binary.size() > 3 ? ", ..." : "") + ")");
        }
        return new ScanReport(s.findings(), all, state, on, s.files(), s.lines());
    }

    /** For the bench: keyed hashes computed by the last scan. */
    long keyedHashes() {
        return known == null ? 0 : known.keyedHashes();
    }
}
