package dev.latchkey.cli.access;

import dev.latchkey.cli.BrokerTarget;
import dev.latchkey.cli.CliErrors;
import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.LatchkeyCommand;
import dev.latchkey.core.brokerapi.AccessDeniedException;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code latchkey approve}, {@code deny} and {@code cancel}: what happens to a pending request. */
public final class DecisionCommands {

    private DecisionCommands() {
    }

    /** What the three commands share: the request id, the client, printing the result. */
    abstract static class Decision implements Callable<Integer> {

        @ParentCommand
        LatchkeyCommand root;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The request's id (see: latchkey requests).")
        String id;

        @Option(names = "--json", description = "Print the request as JSON.")
        boolean json;

        abstract AccessRequest decide(BrokerClient client) throws BrokerException;

        @Override
        public Integer call() throws Exception {
            AccessRequest r;
            try {
                r = decide(BrokerTarget.client(root.brokerOption(), root.context()));
            } catch (AccessDeniedException e) {
                throw new CliErrors.Failure(ExitCodes.ACCESS_DENIED, e.getMessage(),
                        "see the requests you may decide with: latchkey requests --to-review (your own: latchkey requests)");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? Views.pretty(Views.json(r)) : Views.sentence(r, root.context().clock().instant()));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "approve", description = "Approve a pending request you review (never your own).")
    public static final class Approve extends Decision {

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (shown to the requester and kept in the audit log).")
        String reason;

        @Override
        AccessRequest decide(BrokerClient client) throws BrokerException {
            return client.approve(id, reason);
        }
    }

    @Command(name = "deny", description = "Deny a pending request you review, saying why.")
    public static final class Deny extends Decision {

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (shown to the requester).")
        String reason;

        @Override
        AccessRequest decide(BrokerClient client) throws BrokerException {
            return client.deny(id, reason);
        }
    }

    @Command(name = "cancel", description = "Withdraw your own pending request.")
    public static final class Cancel extends Decision {

        @Override
        AccessRequest decide(BrokerClient client) throws BrokerException {
            return client.cancel(id);
        }
    }
}
