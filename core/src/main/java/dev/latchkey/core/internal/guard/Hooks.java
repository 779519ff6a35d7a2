package dev.latchkey.core.internal.guard;

import dev.latchkey.core.guard.GuardException;
import dev.latchkey.core.guard.GuardedRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The git hooks: {@code pre-commit} runs {@code latchkey guard staged}, {@code pre-push} runs
 * {@code latchkey guard push}. They go where git looks ({@code git rev-parse --git-path hooks}:
 * {@code core.hooksPath} when set, the common folder for every worktree otherwise). A hook that
 * was there first is renamed {@code NAME.latchkey-chained} and runs before the guard;
 * uninstalling puts it back.
 */
public final class Hooks {

    public static final String MARKER = "# latchkey-guard hook";
    static final List<String> NAMES = List.of("pre-commit", "pre-push");
    private static final String CHAINED = ".latchkey-chained";
    /** The agent's hook answer's words (GuardHookAnswer: the script and the agent must agree). */
    public static final String GUARD_END = "latchkey-guard: end of diff";
    public static final String GUARD_CLEAN = "latchkey-guard-hook 1 clean";

    /**
     * The pre-commit hook's first try (docs/agent.md): while an agent runs, curl hands it the
     * staged diff and a clean commit starts no JVM. The socket is looked for where the agent puts
     * it (AgentPaths); the closing line proves git made the whole diff; no {@code Expect: 100-continue}
     * (curl's wait for it would cost a second on a large diff). Anything else (no agent, no
     * curl, a folder name that would need escaping, a stopped commit, a failure) runs the command,
     * which asks the agent itself or scans alone, so findings and exit codes are the command's; a
     * timeout sends it straight to scanning alone.
     */
    private static final String THROUGH_AGENT = """
            if [ "${LATCHKEY_AGENT:-}" != off ] && command -v curl >/dev/null 2>&1; then
              sock=${LATCHKEY_AGENT_SOCKET:-}
              if [ -z "$sock" ] && [ -n "${XDG_RUNTIME_DIR:-}" ]; then
                sock=$XDG_RUNTIME_DIR/latchkey/agent.sock
              elif [ -z "$sock" ]; then
                sock=${XDG_CONFIG_HOME:-$HOME/.config}/latchkey/run/agent.sock
              fi
              top=
              cd -P . && top=$PWD
              case $top in '' | *[!A-Za-z0-9/._-]*) sock= ;; esac
              if [ -n "$sock" ] && [ -S "$sock" ]; then
                answer=$({ git diff --cached -U0 -M --no-color --no-ext-diff --diff-filter=d && echo '%s'; } \\
                  | curl -sf --max-time 10 --unix-socket "$sock" -H 'Accept: text/plain' -H 'Content-Type: text/x-diff' \\
                    -H 'Expect:' -H "Latchkey-Repository: $top" --data-binary @- http://agent/v1/guard/staged 2>/dev/null)
                case $? in 28) LATCHKEY_AGENT=off; export LATCHKEY_AGENT ;; esac
                nl='
            '
                case $answer in
                  '%s') exit 0 ;;
                  "%s$nl"*) printf '%%s\\n' "${answer#*"$nl"}" >&2; exit 0 ;;
                esac
              fi
            fi
            """.formatted(GUARD_END, GUARD_CLEAN, GUARD_CLEAN);

    private Hooks() {
    }

    /** The repository's top folder and hooks folder. */
    public record Where(Path top, Path hooks) {
    }

    public static Where where(Git git) throws GuardException {
        String top = top(git).toString();
        String hooks = git.text("rev-parse", "--git-path", "hooks").orElseThrow(() -> new GuardException(
                "git cannot say where the hooks of " + top + " are", "check that git works in that folder"));
        return new Where(Path.of(top), git.dir().resolve(hooks).toAbsolutePath().normalize());
    }

    /**
     * The repository's top folder for a scan of staged changes, without asking git when the
     * folder plainly is it: it holds a {@code .git} folder whose config names no other work tree,
     * and no GIT_DIR or GIT_WORK_TREE steers git elsewhere. Git runs the pre-commit hook there, and
     * the hook's git call for it (a process start in a cold JVM) delayed the diff every commit waits for.
     */
    static Path stagedTop(Git git) throws GuardException {
        Path dir = git.dir().toAbsolutePath().normalize();
        Path config = dir.resolve(".git").resolve("config");
        if (System.getenv("GIT_DIR") == null && System.getenv("GIT_WORK_TREE") == null && Files.isRegularFile(config)) {
            try {
                if (!Files.readString(config, StandardCharsets.ISO_8859_1).contains("worktree")) {
                    return dir;
                }
            } catch (IOException e) {
                // Git's own answer below.
            }
        }
        return top(git);
    }

    /** The repository's top folder (one git call: a scan needs no hooks folder). */
    static Path top(Git git) throws GuardException {
        return Path.of(git.text("rev-parse", "--show-toplevel").orElseThrow(() -> new GuardException(
                git.dir() + " is not in a git repository", "pick a repository's folder, or run git init in it first")));
    }

    public static GuardedRepository install(Where w, String command) throws IOException {
        Files.createDirectories(w.hooks());
        List<String> chained = new ArrayList<>();
        for (String name : NAMES) {
            Path hook = w.hooks().resolve(name);
            Path saved = w.hooks().resolve(name + CHAINED);
            if (Files.exists(hook) && !ours(hook)) {
                if (Files.exists(saved)) {
                    throw new IOException(hook + " is not Latchkey's and " + saved.getFileName()
                            + " exists already; merge them by hand, then install again");
                }
                Files.move(hook, saved);
            }
            if (Files.exists(saved)) {
                chained.add(name);
            }
            Files.writeString(hook, script(name, command), StandardCharsets.UTF_8);
            executable(hook);
        }
        return new GuardedRepository(w.top(), w.hooks(), true, chained);
    }

    public static GuardedRepository uninstall(Where w) throws IOException {
        for (String name : NAMES) {
            Path hook = w.hooks().resolve(name);
            Path saved = w.hooks().resolve(name + CHAINED);
            if (Files.exists(hook) && ours(hook)) {
                Files.delete(hook);
                if (Files.exists(saved)) {
                    Files.move(saved, hook);
                }
            }
        }
        return new GuardedRepository(w.top(), w.hooks(), false, List.of());
    }

    public static GuardedRepository state(Where w) {
        boolean installed = NAMES.stream().allMatch(n -> ours(w.hooks().resolve(n)));
        List<String> chained = NAMES.stream().filter(n -> Files.exists(w.hooks().resolve(n + CHAINED))).toList();
        return new GuardedRepository(w.top(), w.hooks(), installed, chained);
    }

    static boolean ours(Path hook) {
        try {
            return Files.isRegularFile(hook) && Files.readString(hook, StandardCharsets.UTF_8).contains(MARKER);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static void executable(Path hook) throws IOException {
        try {
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            hook.toFile().setExecutable(true);
        }
    }

    static String script(String name, String command) {
        String quoted = "'" + command.replace("'", "'\\''") + "'";
        String check = """
                latchkey=%s
                if ! command -v "$latchkey" >/dev/null 2>&1; then
                  echo "latchkey guard: $latchkey is missing; this %s was not checked (see: latchkey guard install)" >&2
                  exit 0
                fi
                """.formatted(quoted, name.equals("pre-push") ? "push" : "commit");
        String head = "#!/bin/sh\n" + MARKER + ": keeps secrets out of commits.\n"
                + "# Installed by `latchkey guard install`; `latchkey guard uninstall` removes it and restores any\n"
                + "# hook it chained. The chained hook runs first.\n"
                // The hooks folder without dirname: each process a hook starts is a few milliseconds of every commit.
                + "case $0 in */*) hooks=${0%/*} ;; *) hooks=. ;; esac\n";
        if (name.equals("pre-push")) {
            return head + "input=$(cat)\n"
                    + "if [ -x \"$hooks/pre-push" + CHAINED + "\" ]; then\n"
                    + "  printf '%s\\n' \"$input\" | \"$hooks/pre-push" + CHAINED + "\" \"$@\" || exit $?\n"
                    + "fi\n" + check
                    + "printf '%s\\n' \"$input\" | \"$latchkey\" guard push --hook \"$@\"\n";
        }
        return head + "if [ -x \"$hooks/" + name + CHAINED + "\" ]; then\n"
                + "  \"$hooks/" + name + CHAINED + "\" \"$@\" || exit $?\n"
                + "fi\n" + check + THROUGH_AGENT
                + "exec \"$latchkey\" guard staged --hook\n";
    }
}
