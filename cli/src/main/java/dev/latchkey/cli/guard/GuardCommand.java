package dev.latchkey.cli.guard;

import dev.latchkey.cli.common.CliContext;
import dev.latchkey.cli.common.CliErrors;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.core.guard.GuardException;
import dev.latchkey.core.guard.GuardedRepository;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.ScanReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code latchkey guard}: keep secrets you received, and anything that looks like a key, out of commits. */
@Command(name = "guard", description = {"Stop secrets from reaching a commit: values you received from Latchkey,",
        "found by their fingerprints in any common encoding, and pattern rules for other keys."},
        subcommands = {GuardCommand.Staged.class, GuardCommand.Push.class, GuardCommand.Scan.class,
                GuardCommand.History.class, GuardCommand.Install.class, GuardCommand.Uninstall.class},
        footer = {"", "Exit codes: 0 nothing found, 1 secrets found (or a usage error).", "Details: docs/guard.md"})
public final class GuardCommand implements Runnable {

    @Mixin
    Inherited cli;

    @Override
    public void run() {
        cli.spec().commandLine().usage(cli.out());
    }

    /**
     * What every scan ends with: a stopped commit recorded, findings reported to the broker,
     * the report printed; the exit code (1 when something was found).
     *
     * @param source the source word sent to the broker, or null to send nothing
     */
    static int finish(CliContext ctx, LeakGuard guard, ScanReport r, boolean json, String what, boolean hook,
                      String source, Path folder, PrintWriter out, PrintWriter err) throws Exception {
        List<String> reports = new ArrayList<>();
        if (r.found()) {
            if (hook) {
                guard.blocked(folder, source, r);
            }
            if (source != null) {
                reports.addAll(guard.report(r, source, ctx.tokens()));
            }
        }
        if (json) {
            GuardJson.json(out, r, reports);
        } else {
            GuardOutput.text(out, err, r, what, hook, reports);
        }
        return r.found() ? 1 : 0;
    }

    /** What the scanning commands share: {@code --json}, printing, exit code, reports. */
    abstract static class ScanCommand implements Callable<Integer> {
        @Mixin
        Inherited cli;

        @Mixin
        JsonOutput json;

        abstract ScanReport scan(LeakGuard guard) throws GuardException;

        abstract String what();

        /** The source word sent to the broker, or null to send nothing. */
        String source() {
            return null;
        }

        boolean hook() {
            return false;
        }

        @Override
        public Integer call() throws Exception {
            LeakGuard guard = cli.context().guard().get();
            ScanReport r;
            try {
                r = scan(guard);
            } catch (GuardException e) {
                throw new CliErrors.Failure(ExitCodes.USAGE, e.getMessage(), e.hint());
            }
            return finish(cli.context(), guard, r, json.on(), what(), hook(), source(), folder(), cli.out(), cli.err());
        }

        Path folder() {
            return cli.context().cwd();
        }
    }

    @Command(name = "staged", description = "Scan the staged changes (what git commit would record): the pre-commit hook.")
    static final class Staged extends ScanCommand {
        @Option(names = "--hook", hidden = true)
        boolean hook;

        @Override
        ScanReport scan(LeakGuard guard) throws GuardException {
            return guard.staged(folder());
        }

        @Override
        String what() {
            return hook ? "commit" : "staged changes";
        }

        @Override
        boolean hook() {
            return hook;
        }

        @Override
        String source() {
            return hook ? "pre-commit" : null;
        }
    }

    @Command(name = "push", description = {"Scan the commits a push would send: the pre-push hook.",
            "Reads git's pre-push lines on stdin; without them, the commits of HEAD no remote has."})
    static final class Push extends ScanCommand {
        @Option(names = "--hook", hidden = true)
        boolean hook;

        @Parameters(paramLabel = "REMOTE", arity = "0..2", description = "The remote's name and URL, as git gives them.")
        List<String> remote = new ArrayList<>();

        @Override
        ScanReport scan(LeakGuard guard) throws GuardException {
            List<String> lines = new ArrayList<>();
            if (hook || !cli.context().terminal()) {
                try {
                    BufferedReader in = new BufferedReader(new InputStreamReader(cli.context().childIn(), StandardCharsets.UTF_8));
                    for (String l = in.readLine(); l != null; l = in.readLine()) {
                        if (!l.isBlank()) {
                            lines.add(l);
                        }
                    }
                } catch (IOException e) {
                    throw new GuardException("cannot read the refs to push: " + e.getMessage(), "run it as git's pre-push hook");
                }
            }
            if (lines.isEmpty() && !hook) {
                lines.add("HEAD HEAD refs/heads/HEAD 0000000000000000000000000000000000000000");
            }
            return guard.push(folder(), remote.isEmpty() ? null : remote.getFirst(), lines);
        }

        @Override
        String what() {
            return "push";
        }

        @Override
        boolean hook() {
            return hook;
        }

        @Override
        String source() {
            return hook ? "pre-push" : null;
        }
    }

    @Command(name = "scan", description = "Scan files and folders (recursively; .git is skipped).")
    static final class Scan extends ScanCommand {
        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders.")
        List<Path> paths = new ArrayList<>();

        @Override
        ScanReport scan(LeakGuard guard) {
            return guard.scan(paths, folder());
        }

        @Override
        String what() {
            return String.join(" ", paths.stream().map(Path::toString).toList());
        }
    }

    @Command(name = "history", description = {"Scan every commit of every branch: a first audit.",
            "A received value in a commit that reached a remote is reported to its broker as exposed."})
    static final class History extends ScanCommand {
        @Override
        ScanReport scan(LeakGuard guard) throws GuardException {
            return guard.history(folder());
        }

        @Override
        String what() {
            return "the history";
        }

        @Override
        String source() {
            return "history";
        }
    }

    @Command(name = "install", description = {"Install the pre-commit and pre-push hooks in a repository.",
            "An existing hook is kept and runs first; core.hooksPath and worktrees are honoured."})
    static final class Install implements Callable<Integer> {
        @Mixin
        Inherited cli;

        @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The repository (default: the current folder).")
        Path folder;

        @Option(names = "--command", paramLabel = "PATH", description = "How the hooks start latchkey (default: this one).")
        String command;

        @Override
        public Integer call() {
            String cmd = command != null ? command : launcher();
            try {
                GuardedRepository r = cli.context().guard().get().install(cli.context().cwd().resolve(folder == null ? Path.of("") : folder), cmd);
                GuardOutput.repository(cli.out(), r, "installed in");
                return 0;
            } catch (GuardException e) {
                throw new CliErrors.Failure(ExitCodes.USAGE, e.getMessage(), e.hint());
            }
        }

        /** The launcher that started this JVM: an installed package's, this checkout's script, else PATH. */
        private static String launcher() {
            for (String p : List.of("jpackage.app-path", "latchkey.launcher")) {
                String v = System.getProperty(p);
                if (v != null && !v.isBlank()) {
                    return v;
                }
            }
            return "latchkey";
        }
    }

    @Command(name = "uninstall", description = "Remove the hooks, putting back any hook they chained.")
    static final class Uninstall implements Callable<Integer> {
        @Mixin
        Inherited cli;

        @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The repository (default: the current folder).")
        Path folder;

        @Override
        public Integer call() {
            try {
                GuardedRepository r = cli.context().guard().get().uninstall(cli.context().cwd().resolve(folder == null ? Path.of("") : folder));
                GuardOutput.repository(cli.out(), r, "removed from");
                return 0;
            } catch (GuardException e) {
                throw new CliErrors.Failure(ExitCodes.USAGE, e.getMessage(), e.hint());
            }
        }
    }
}
