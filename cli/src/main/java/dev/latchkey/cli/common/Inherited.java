package dev.latchkey.cli.common;

import dev.latchkey.core.brokerapi.BrokerClient;
import java.io.PrintWriter;
import java.net.URI;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What a subcommand takes from {@code latchkey} itself, as a picocli mixin: the world it runs in,
 * the broker {@code --broker} (inherited from the root) names, a client for it, and the command's
 * own out and err writers (the ones tests set with {@code setOut}/{@code setErr}).
 *
 * <p>Declares no option: {@code --broker} and {@code --debug} stay on the root, so they may come
 * before the subcommand's name, and the help of each command reads as before. The bare
 * {@code @Command} is what makes picocli accept a mixin without options; it adds nothing to help.
 */
@Command
public final class Inherited {

    /** The root's option naming the broker; inherited, so it may come before the subcommand. */
    public static final String BROKER = "--broker";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The world the command runs in. */
    public CliContext context() {
        return root().get();
    }

    /** The broker this command talks to ({@link BrokerTarget#url}). */
    public URI brokerUrl() {
        return BrokerTarget.url(brokerOption(), context());
    }

    /** A client of {@link #brokerUrl()} ({@link BrokerTarget#client}). */
    public BrokerClient client() {
        return BrokerTarget.client(brokerOption(), context());
    }

    /** The broker URL given with {@code --broker}, or null (for code that resolves it later). */
    public String brokerOption() {
        return mixee.root().findOption(BROKER).getValue();
    }

    /** Whether the root's {@code --debug} was given (before or after the subcommand's name). */
    public boolean debugOption() {
        return Boolean.TRUE.equals(mixee.root().findOption("--debug").getValue());
    }

    /** Where the command prints its answer. */
    public PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    /** Where the command prints progress and warnings. */
    public PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    /** The command's own picocli model (its usage, its command line). */
    public CommandSpec spec() {
        return mixee;
    }

    /**
     * The root command supplies the world. A JDK interface rather than one of ours, and
     * {@code --broker} read from the root's model, so that no class is loaded for this on the way to
     * a launch: {@code latchkey run} starts as fast as the JVM allows (docs/performance.md).
     */
    @SuppressWarnings("unchecked")
    private Supplier<CliContext> root() {
        return (Supplier<CliContext>) mixee.root().userObject();
    }
}
