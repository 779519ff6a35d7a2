package dev.latchkey.cli;

import dev.latchkey.cli.agent.AgentLink;
import dev.latchkey.cli.common.CliContext;
import dev.latchkey.cli.common.CliErrors;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.OpenSessions;
import dev.latchkey.cli.guard.PreCommitHook;
import dev.latchkey.cli.run.RunArgs;
import dev.latchkey.cli.run.RunLaunch;
import dev.latchkey.cli.run.RunOptions;
import dev.latchkey.core.Session;
import dev.latchkey.core.diagnostics.LatchkeyVersion;
import dev.latchkey.core.diagnostics.UncaughtFailures;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.keychain.KeychainPromptListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code latchkey}: the command line over core.
 *
 * <p>Exit codes ({@link ExitCodes}): 0 ok, 1 usage, 2 not signed in, 3 access denied,
 * 4 broker unreachable; {@code run} exits with its child's code. The subcommands are added by
 * {@link #commandLine(CliContext, String[])}, not listed here: see {@link Subcommands}.
 */
@Command(name = "latchkey",
        mixinStandardHelpOptions = true,
        versionProvider = LatchkeyCommand.Version.class,
        description = "Run local apps with production secrets, without putting them on disk.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  ok", "  1  usage: a wrong option, profile or env file", "  2  not signed in (latchkey login)",
                "  3  access denied (request: denied or expired)", "  4  broker unreachable",
                "  5  request --wait: still pending when --timeout passed",
                "  run exits with its command's own code (128+n after signal n); guard exits 1 when it finds a secret"})
public final class LatchkeyCommand implements Runnable, Supplier<CliContext> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Read by each subcommand's Inherited mixin through the model, never here.
    @Option(names = Inherited.BROKER, paramLabel = "URL", scope = CommandLine.ScopeType.INHERIT,
            description = "The broker's URL (default: $LATCHKEY_BROKER).")
    String broker;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "On errors, show the cause chain (never values or tokens).")
    boolean debug;

    private final CliContext context;

    LatchkeyCommand(CliContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        boolean hook = preCommitHook(args);
        if (hook) {
            // Before anything reflects: the fingerprint file's mapping makes the JDK create its buffer through a
            // reflective constructor, whose method-handle accessor spun ~30 classes (~80 ms of a cold hook's CPU,
            // beside the key read and the scan on a 2-core machine); the native accessor spins none.
            System.setProperty("jdk.reflect.useNativeAccessorOnly", "true");
        }
        reportUncaughtFailures(args);
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Scripts ask this often; picocli's model of every command costs several times the answer.
            System.out.println(Version.text());
            System.exit(ExitCodes.OK);
        }
        if (hook) {
            // Every commit runs this: it needs no command model (and through a running agent no keychain or cold scan).
            OptionalInt code = PreCommitHook.run(System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err,
                    new HookWorld());
            if (code.isPresent()) {
                System.exit(code.getAsInt());
            }
        }
        Optional<RunOptions> run = runArgs(args);
        if (run.isPresent()) {
            // The daily launch: read without picocli, whose model of root and run costs more than the JVM's start.
            // The agent is asked for on a thread of its own while the launch reads its profile.
            System.exit(RunLaunch.execute(run.get(), systemContext(true, true),
                    new PrintWriter(System.err, true, System.err.charset())));
        }
        // A long-running command (the agent) must see other processes' sign-outs: its sessions read the keychain every time.
        CliContext context = systemContext(!Subcommands.longRunning(args));
        // Its keychain opens beside the command's start, not after it.
        StatusCommand.openSessionAhead(args, context);
        OptionalInt status = StatusCommand.executePlain(args, context, new PrintWriter(System.out, true, System.out.charset()),
                new PrintWriter(System.err, true, System.err.charset()));
        if (status.isPresent()) {
            System.exit(status.getAsInt());
        }
        System.exit(commandLine(context, args).execute(args));
    }

    /** {@code args} read as a {@code latchkey run} without picocli ({@link RunArgs}); empty when picocli must read them. */
    public static Optional<RunOptions> runArgs(String[] args) {
        return RunArgs.parse(args, Subcommands.NAMES);
    }

    /**
     * Runs {@code args} as {@code main} does, over {@code context} and with these writers: a
     * {@code run} that {@link RunArgs} reads launches without a command model, and so does a plain
     * {@code status} ({@link StatusCommand#executePlain}); anything else goes
     * through picocli. For tests and the build's training run, which must take main's paths.
     *
     * @return the exit code
     */
    public static int execute(CliContext context, PrintWriter out, PrintWriter err, String... args) {
        Optional<RunOptions> run = runArgs(args);
        if (run.isPresent()) {
            return RunLaunch.execute(run.get(), context, err);
        }
        OptionalInt status = StatusCommand.executePlain(args, context, out, err);
        if (status.isPresent()) {
            return status.getAsInt();
        }
        CommandLine cmd = commandLine(context, args);
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd.execute(args);
    }

    /** Whether {@code args} are the installed pre-commit hook's words (checked here: other commands load no guard class). */
    private static boolean preCommitHook(String[] args) {
        return args.length == 3 && args[0].equals("guard") && args[1].equals("staged") && args[2].equals("--hook");
    }

    /**
     * Makes a failure no code caught, on any thread, one line on stderr (the stack trace too with
     * {@code --debug}); called first thing by every entry point of the CLI process.
     */
    public static void reportUncaughtFailures(String[] args) {
        UncaughtFailures.install("latchkey", Arrays.asList(args).contains("--debug"));
    }

    /**
     * This process's real world: the session in the OS keychain (or memory only, said so by
     * status). While the keychain shows its own prompt (a locked keychain asks for its password),
     * stderr says what Latchkey waits for. When an agent answers for the broker, tokens come from it
     * and the keychain is not opened for them.
     */
    public static CliContext systemContext() {
        return systemContext(true);
    }

    /**
     * {@link #systemContext()} for the pre-commit hook, built only when it stops a commit: a class
     * rather than a method reference, so it comes from the hook's AOT cache (its training loads
     * it); a lambda the training never linked was spun on every commit.
     */
    public static final class HookWorld implements Supplier<CliContext> {
        @Override
        public CliContext get() {
            return systemContext();
        }
    }

    /**
     * The same; with {@code oneCommand} each session is read from the keychain once and kept for
     * the rest of the process ({@link Session.Builder#oneCommand()}): for every command but the
     * long-lived agent.
     */
    public static CliContext systemContext(boolean oneCommand) {
        return systemContext(oneCommand, false);
    }

    private static CliContext systemContext(boolean oneCommand, boolean probeAhead) {
        var console = System.console();
        KeychainPromptListener prompts = new KeychainPromptsOnStderr(System.err);
        // One command per process: each session opens the keychain beside the command's other start-up
        // work and reads each entry once (Session.Builder.oneCommand).
        OpenSessions sessions = new OpenSessions(u -> {
            Session.Builder session = Session.builder(u).keychainPrompts(prompts);
            return (oneCommand ? session.oneCommand() : session).build();
        });
        AgentLink agent = new AgentLink(System.getenv(), System.err);
        if (probeAhead) {
            agent.probeAhead();
        }
        return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), Clock.systemUTC(), System.in, System.out,
                System.err, console != null && console.isTerminal(), sessions, agent.tokensOr(sessions), agent,
                LeakGuard::forCurrentUser);
    }

    /** The configured command line over the real world; tests drive it with their own out/err writers. */
    public static CommandLine commandLine() {
        return commandLine(systemContext());
    }

    /** The configured command line over {@code context}, with every subcommand. */
    public static CommandLine commandLine(CliContext context) {
        return commandLine(context, Subcommands.NAMES);
    }

    /**
     * The command line to execute {@code args} with: only the subcommand they name when that is
     * certain from the words, every subcommand otherwise ({@link Subcommands#named}). It answers
     * {@code args} exactly as the whole tree would, in a fraction of picocli's start.
     */
    public static CommandLine commandLine(CliContext context, String[] args) {
        return commandLine(context, Subcommands.named(args).map(List::of).orElse(Subcommands.NAMES));
    }

    private static CommandLine commandLine(CliContext context, List<String> subcommands) {
        CommandLine cmd = new CommandLine(new LatchkeyCommand(context));
        for (String name : subcommands) {
            cmd.addSubcommand(Subcommands.type(name));
        }
        cmd.setExecutionExceptionHandler(new CliErrors());
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("latchkey: " + ex.getMessage());
            c.getErr().println("hint: see: " + c.getCommandSpec().qualifiedName() + " --help");
            c.getErr().flush();
            return ExitCodes.USAGE;
        });
        CommandLine completion = cmd.getSubcommands().get(Subcommands.COMPLETION);
        if (completion != null) {
            completion.getCommandSpec().usageMessage().hidden(false);
        }
        standardHelpOptionsBelow(cmd, new Version());
        return cmd;
    }

    /**
     * Gives every subcommand, at any depth, the root's {@code -h/--help} and {@code -V/--version}:
     * a newcomer types {@code --help} after whichever command they are unsure of. Done here, once,
     * so a command added later cannot miss it.
     */
    private static void standardHelpOptionsBelow(CommandLine parent, CommandLine.IVersionProvider version) {
        for (CommandLine sub : parent.getSubcommands().values()) {
            sub.getCommandSpec().mixinStandardHelpOptions(true).versionProvider(version);
            standardHelpOptionsBelow(sub, version);
        }
    }

    /** The world the commands run in; subcommands reach it through their {@link Inherited} mixin. */
    @Override
    public CliContext get() {
        return context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {text()};
        }

        static String text() {
            return "latchkey " + LatchkeyVersion.current();
        }
    }
}
