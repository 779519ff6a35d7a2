package dev.latchkey.cli.run;

import dev.latchkey.cli.common.Inherited;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey run}: start a program with its secrets in its environment. The grammar and help
 * are declared here; {@code main} reads the daily forms itself ({@link RunArgs}) and the launch is
 * {@link RunLaunch}'s either way.
 */
@Command(name = "run", sortOptions = false,
        description = {"Run a command with secrets and sandbox tokens in its environment, its output masked.",
                "Values go only into the command's environment: never its arguments, never a file."},
        footer = {"", "Examples:", "  latchkey run --env DB_URL=latchkey://payments/dev/db-url -- ./server",
                "  latchkey run --profile api", "  latchkey run --env-file .env.latchkey --sandbox STRIPE_KEY=stripe-test:30m -- npm start",
                "", "Exits with the command's own exit code (128+n when signal n ended it)."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    Inherited cli;

    @Option(names = "--profile", paramLabel = "P", description = "A profile of latchkey.toml in the current folder.")
    String profile;

    @Option(names = "--project", paramLabel = "FILE", description = "The project file (default: ./latchkey.toml).")
    Path project;

    @Option(names = "--env-file", paramLabel = "F", description = "An env template (VAR=latchkey://... or VAR=plain). Repeatable.")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = "--env", paramLabel = "VAR=REF", description = "One variable: a reference or a plain value. Repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--sandbox", paramLabel = "VAR=NAME[:TTL]", description = "A sandbox token, such as STRIPE_KEY=stripe-test:30m. Repeatable.")
    List<String> sandboxes = new ArrayList<>();

    @Option(names = "--no-mask", description = "Show values in the command's output instead of <latchkey:NAME>.")
    boolean noMask;

    @Option(names = "--pristine", description = "Pass only PATH, HOME, USER, LANG, TERM, TMPDIR and the launch's variables.")
    boolean pristine;

    @Option(names = "--on-expiry", paramLabel = "M", description = "When a credential ends: warn, restart or stop (default: the profile's, else warn).")
    String onExpiry;

    @Option(names = "--refresh-endpoint", description = "Give the command LATCHKEY_CREDENTIALS_URL and _TOKEN: an endpoint that "
            + "serves its current values and renewed sandbox tokens while it runs (default: the profile's refresh-endpoint).")
    boolean refreshEndpoint;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        // Failures go to picocli's handler, which reports them as for every command.
        return new RunLaunch(options(), cli.context(), cli.err()).call();
    }

    /** What picocli read, in the form {@link RunArgs} reads it too. */
    RunOptions options() {
        return new RunOptions(cli.brokerOption(), cli.debugOption(), profile, project, envFiles, env, sandboxes, noMask,
                pristine, onExpiry, refreshEndpoint, command);
    }
}
