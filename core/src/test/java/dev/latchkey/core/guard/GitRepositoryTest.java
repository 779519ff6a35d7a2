package dev.latchkey.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.internal.guard.Hooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard against real git: staged changes of every awkward kind, pushes, history, and the hooks. */
class GitRepositoryTest {

    static final String VALUE = "ak_live_9fQ2xV7mKp3LwZ8rT4yB6nJ1cH5dG0sA";
    static final String REF = "latchkey://payments/dev/api-key";

    @TempDir
    Path state;

    @TempDir
    Path repo;

    LeakGuard guard;

    @BeforeEach
    void setUp() throws Exception {
        guard = LeakGuard.builder().folder(state).credentialStore(GuardTestKeychain.store()).build();
        guard.record(List.of(new Received(REF, VALUE, Optional.empty()))).get();
        git(repo, "init", "-q");
    }

    static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "protocol.file.allow=always"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out.strip();
    }

    @Test
    void stagedChangesOfEveryAwkwardKindAreScannedOrNamedWithAReason() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            lines.append("setting.").append(i).append("=value ").append(i).append('\n');
        }
        String settings = lines.toString();
        Files.writeString(repo.resolve("old name.env"), settings);
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "one");
        git(repo, "mv", "old name.env", "new name.env");
        Files.writeString(repo.resolve("new name.env"), settings + "KEY=" + VALUE + "\n");
        Files.write(repo.resolve("logo.bin"), new byte[] {0, 1, 2, 0, (byte) 0xff, 'x'});
        Files.write(repo.resolve("latin1.txt"), ("caf\u00e9 token=" + VALUE + "\n").getBytes(StandardCharsets.ISO_8859_1));
        Files.createSymbolicLink(repo.resolve("link"), Path.of("/etc/" + VALUE));
        Path sub = repo.resolve("sub");
        Files.createDirectories(sub);
        git(sub, "init", "-q");
        Files.writeString(sub.resolve("x"), "x\n");
        git(sub, "add", ".");
        git(sub, "commit", "-q", "-m", "sub");
        git(repo, "add", "-A");

        ScanReport r = guard.staged(repo);

        assertThat(r.findings()).extracting(f -> f.path() + ":" + f.line() + " " + f.name())
                .containsExactlyInAnyOrder("new name.env:31 " + REF, "latin1.txt:1 " + REF);
        assertThat(String.join("\n", r.notes())).contains("logo.bin: binary: not scanned")
                .contains("link: symbolic link").contains("sub: submodule").contains("latin1.txt: not UTF-8")
                .contains("renamed from old name.env");
        assertThat(r.notes()).noneMatch(n -> n.contains(VALUE));
    }

    /**
     * A long staged diff (the hook keeps the rules' hits of every line while the key comes): a
     * value split over two lines, the same value far down, and a rule's match in a second file are
     * each found once, in the diff's order.
     */
    @Test
    void aLongStagedDiffIsScannedWholeInItsOrder() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 2000; i++) {
            lines.add("    String line" + i + " = config.get(\"key." + i + "\", \"https://example.org/a/" + i + "\");");
        }
        int half = VALUE.length() / 2;
        lines.set(255, "  String s = \"" + VALUE.substring(0, half) + "\" +");
        lines.set(256, "      \"" + VALUE.substring(half) + "\";");
        lines.set(1899, "KEY=" + VALUE);
        Files.write(repo.resolve("Big.java"), lines);
        Files.writeString(repo.resolve("aws.txt"), "AKIAZ7Q2WXYV3LMN4PRS\n");
        git(repo, "add", ".");

        ScanReport r = guard.staged(repo);

        // The first half alone is long enough to share a window with the value: a part of it, on its own line.
        assertThat(r.findings()).extracting(f -> f.path() + ":" + f.line() + " " + f.kind())
                .containsExactly("Big.java:256 KNOWN_VALUE", "Big.java:257 KNOWN_VALUE", "Big.java:1900 KNOWN_VALUE",
                        "aws.txt:1 PATTERN");
        assertThat(r.findings()).extracting(Finding::name).startsWith(REF, REF, REF);
        assertThat(r.findings().get(0).detail()).startsWith("part of it");
        assertThat(r.findings().get(1).detail()).startsWith("split over lines 256-257");
        assertThat(r.lines()).isEqualTo(2001);
    }

    @Test
    void aFileOver50MegabytesIsNamedNotScanned() throws Exception {
        StringBuilder line = new StringBuilder();
        line.append("x".repeat(1023)).append('\n');
        String block = line.toString().repeat(1024);
        Path big = repo.resolve("big.txt");
        try (var out = Files.newBufferedWriter(big)) {
            for (int i = 0; i < 51; i++) {
                out.write(block);
            }
            out.write("KEY=" + VALUE + "\n");
        }
        git(repo, "add", "big.txt");

        ScanReport r = guard.staged(repo);

        assertThat(r.findings()).isEmpty();
        assertThat(r.notes()).anyMatch(n -> n.contains("big.txt: larger than 50 MB"));
    }

    @Test
    void aPushScansOnlyTheCommitsTheRemoteLacksAndHistoryMarksPublishedOnesExposed() throws Exception {
        Path remote = Files.createTempDirectory(state, "remote");
        git(remote, "init", "-q", "--bare");
        git(repo, "remote", "add", "origin", remote.toString());
        Files.writeString(repo.resolve("a.env"), "KEY=" + VALUE + "\n");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "leak");
        git(repo, "push", "-q", "origin", "HEAD:refs/heads/main");
        Files.writeString(repo.resolve("b.txt"), "nothing secret here\n");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "clean");
        String head = git(repo, "rev-parse", "HEAD");
        String pushed = git(repo, "rev-parse", "HEAD~1");

        ScanReport push = guard.push(repo, "origin", List.of("refs/heads/main " + head + " refs/heads/main " + pushed));
        assertThat(push.findings()).isEmpty();

        ScanReport history = guard.history(repo);
        assertThat(history.findings()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo(REF);
            assertThat(f.commit()).contains(pushed);
            assertThat(f.published()).isTrue();
            assertThat(f.fix()).startsWith("rotate this secret");
        });
    }

    @Test
    void installChainsAnExistingHookAndUninstallPutsItBack() throws Exception {
        Path hooks = repo.resolve(".git/hooks");
        Files.createDirectories(hooks);
        Files.writeString(hooks.resolve("pre-commit"), "#!/bin/sh\necho mine\n");

        GuardedRepository installed = guard.install(repo, "/opt/latchkey/bin/latchkey");

        assertThat(installed.chained()).containsExactly("pre-commit");
        assertThat(Files.readString(hooks.resolve("pre-commit"))).contains(Hooks.MARKER)
                .contains("pre-commit.latchkey-chained").contains("'/opt/latchkey/bin/latchkey'");
        assertThat(Files.readString(hooks.resolve("pre-commit.latchkey-chained"))).contains("echo mine");
        assertThat(Files.isExecutable(hooks.resolve("pre-push"))).isTrue();
        assertThat(guard.repositories()).singleElement().satisfies(g -> {
            assertThat(g.folder()).isEqualTo(repo.toRealPath());
            assertThat(g.installed()).isTrue();
        });

        guard.uninstall(repo);

        assertThat(Files.readString(hooks.resolve("pre-commit"))).isEqualTo("#!/bin/sh\necho mine\n");
        assertThat(hooks.resolve("pre-push")).doesNotExist();
        assertThat(guard.repositories()).isEmpty();
    }

    @Test
    void aChainedHookRunsFirstAndItsFailureStopsTheCommit() throws Exception {
        Path hooks = repo.resolve(".git/hooks");
        Files.createDirectories(hooks);
        Path mine = hooks.resolve("pre-commit");
        Files.writeString(mine, "#!/bin/sh\necho ran >> chained-ran\nexit \"${CHAINED_EXIT:-0}\"\n");
        assertThat(mine.toFile().setExecutable(true)).isTrue();
        // A command that is not there: the guard's part says so and lets the commit through.
        guard.install(repo, repo.resolve("no-latchkey-here").toString());
        Files.writeString(repo.resolve("f"), "f\n");
        git(repo, "add", "f");

        assertThat(commit(repo, "0")).isZero();
        assertThat(Files.readAllLines(repo.resolve("chained-ran"))).containsExactly("ran");

        Files.writeString(repo.resolve("f"), "g\n");
        git(repo, "add", "f");
        assertThat(commit(repo, "3")).isNotZero();
        assertThat(Files.readAllLines(repo.resolve("chained-ran"))).containsExactly("ran", "ran");
        assertThat(git(repo, "rev-list", "--count", "HEAD")).isEqualTo("1");
    }

    /** {@code git commit}'s exit code, the chained hook exiting with {@code chainedExit}. */
    private static int commit(Path dir, String chainedExit) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q",
                "-m", "c").directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("CHAINED_EXIT", chainedExit);
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void hooksGoWhereCoreHooksPathSaysAndAWorktreeSharesThem() throws Exception {
        Files.writeString(repo.resolve("f"), "f\n");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "one");
        Path worktree = state.resolve("wt");
        git(repo, "worktree", "add", "-q", worktree.toString());

        GuardedRepository fromWorktree = guard.install(worktree, "latchkey");
        assertThat(fromWorktree.hooks()).isEqualTo(repo.toRealPath().resolve(".git/hooks"));

        git(repo, "config", "core.hooksPath", ".githooks");
        GuardedRepository withPath = guard.install(repo, "latchkey");
        assertThat(withPath.hooks()).isEqualTo(repo.toRealPath().resolve(".githooks"));
        assertThat(Files.readString(repo.resolve(".githooks/pre-push"))).contains(Hooks.MARKER);
    }

    @Test
    void aFolderThatIsNoRepositoryIsAClearError() {
        assertThatThrownBy(() -> guard.staged(state.resolve("nowhere")))
                .isInstanceOf(GuardException.class).hasMessageContaining("not in a git repository");
    }

    @Test
    void theRepositorysRulesFileAllowsByPathAndByFingerprint() throws Exception {
        Files.writeString(repo.resolve("fixture.env"), "KEY=" + VALUE + "\n");
        Files.writeString(repo.resolve("aws.txt"), "AKIAZ7Q2WXYV3LMN4PRS\n");
        git(repo, "add", ".");
        ScanReport before = guard.staged(repo);
        assertThat(before.findings()).hasSize(2);
        String fingerprint = before.findings().stream().filter(f -> f.kind() == Finding.Kind.KNOWN_VALUE)
                .findFirst().orElseThrow().fingerprint();
        Files.writeString(repo.resolve(".latchkey-guard.toml"), """
                [extend]
                useDefault = true
                [allowlist]
                paths = ['''^aws\\.txt$''']
                [latchkey]
                allowFingerprints = ["%s"]
                """.formatted(fingerprint));

        assertThat(guard.staged(repo).findings()).isEmpty();
        assertThat(Map.of("fp", fingerprint)).allSatisfy((k, v) -> assertThat(v).startsWith("lk:").doesNotContain(VALUE));
    }
}
