package dev.latchkey.cli;

import dev.latchkey.core.LatchkeyVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code latchkey}: the command line over core. Subcommands arrive with the CLI issue. */
@Command(name = "latchkey",
        mixinStandardHelpOptions = true,
        versionProvider = LatchkeyCommand.Version.class,
        description = "Run local apps with production secrets, without putting them on disk.")
public final class LatchkeyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests drive it with their own out/err writers. */
    public static CommandLine commandLine() {
        return new CommandLine(new LatchkeyCommand());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"latchkey " + LatchkeyVersion.current()};
        }
    }
}
