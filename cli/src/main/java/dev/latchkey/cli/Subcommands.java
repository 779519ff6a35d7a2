package dev.latchkey.cli;

import dev.latchkey.cli.access.DecisionCommands;
import dev.latchkey.cli.access.GrantCommands;
import dev.latchkey.cli.access.RequestCommand;
import dev.latchkey.cli.access.RequestsCommand;
import dev.latchkey.cli.agent.AgentCommand;
import dev.latchkey.cli.broker.ScopesCommand;
import dev.latchkey.cli.broker.SecretsCommand;
import dev.latchkey.cli.common.LongRunning;
import dev.latchkey.cli.guard.GuardCommand;
import dev.latchkey.cli.run.HistoryCommand;
import dev.latchkey.cli.run.RunCommand;
import java.util.List;
import java.util.Optional;
import picocli.AutoComplete;

/**
 * The subcommands of {@code latchkey}, by name, in the order its help lists them.
 *
 * <p>picocli builds the model of a command (its options, their types, its help) by reflection when
 * the command is added, and a process runs one command: so {@code main} adds only the command its
 * arguments name ({@link #named}) and the whole tree only where it is shown ({@code --help}, the
 * completion script, an unknown word). The names are spelled here, not read from each class's
 * {@code @Command}, so finding the one command loads no other command's class; a test checks them
 * against the classes.
 */
final class Subcommands {

    /** Every subcommand's name, in help order. */
    static final List<String> NAMES = List.of("login", "logout", "switch", "status", "run", "history", "scopes",
            "secrets", "request", "requests", "approve", "deny", "cancel", "grants", "revoke", "extend", "sandboxes",
            "guard", "agent", "generate-completion");

    /** The command whose model shows every other one: it alone needs the whole tree. */
    static final String COMPLETION = "generate-completion";

    private Subcommands() {
    }

    /** The class of the subcommand called {@code name}. */
    static Class<?> type(String name) {
        return switch (name) {
            case "login" -> SignInCommands.Login.class;
            case "logout" -> SignInCommands.Logout.class;
            case "switch" -> SignInCommands.Switch.class;
            case "status" -> StatusCommand.class;
            case "run" -> RunCommand.class;
            case "history" -> HistoryCommand.class;
            case "scopes" -> ScopesCommand.class;
            case "secrets" -> SecretsCommand.class;
            case "request" -> RequestCommand.class;
            case "requests" -> RequestsCommand.class;
            case "approve" -> DecisionCommands.Approve.class;
            case "deny" -> DecisionCommands.Deny.class;
            case "cancel" -> DecisionCommands.Cancel.class;
            case "grants" -> GrantCommands.Grants.class;
            case "revoke" -> GrantCommands.Revoke.class;
            case "extend" -> GrantCommands.Extend.class;
            case "sandboxes" -> GrantCommands.Sandboxes.class;
            case "guard" -> GuardCommand.class;
            case "agent" -> AgentCommand.class;
            case COMPLETION -> AutoComplete.GenerateCompletion.class;
            default -> throw new IllegalArgumentException("no latchkey command " + name);
        };
    }

    /**
     * The one subcommand {@code args} run, when that is certain from the words alone: the first
     * word that is not a root option ({@code --broker URL}, {@code --debug}) names a command
     * other than the completion script. Empty otherwise (no command, {@code --help}, {@code --},
     * an {@code @file}, an unknown word): then the whole tree is built, so help, suggestions and
     * errors read exactly as before.
     */
    static Optional<String> named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--broker")) {
                i++;
            } else if (a.equals("--debug") || a.startsWith("--broker=")) {
                continue;
            } else {
                return NAMES.contains(a) && !a.equals(COMPLETION) ? Optional.of(a) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code args} run a command that declares itself {@link LongRunning} (the agent). Asks
     * the class of the command they name ({@link #named}) and builds no model; with no certain
     * command (help, an unknown word, an {@code @file}) it is a short command.
     */
    static boolean longRunning(String[] args) {
        // Plain code, no lambda: every command but run asks this first, and a lambda the training never ran was spun then.
        Optional<String> name = named(args);
        return name.isPresent() && LongRunning.class.isAssignableFrom(type(name.get()));
    }
}
