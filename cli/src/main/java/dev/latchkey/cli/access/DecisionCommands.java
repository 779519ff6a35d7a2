package dev.latchkey.cli.access;

import dev.latchkey.cli.common.CliErrors;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.Json;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.core.brokerapi.AccessDeniedException;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code latchkey approve}, {@code deny} and {@code cancel}: what happens to a pending request. */
public final class DecisionCommands {

    private DecisionCommands() {
    }

    /** What the three commands share: the request id, the client, printing the result. */
    abstract static class Decision implements Callable<Integer> {

        @Mixin
        Inherited cli;

        @Parameters(paramLabel = "ID", description = "The request's id (see: latchkey requests).")
        String id;

        @Mixin
        JsonOutput json;

        abstract AccessRequest decide(BrokerClient client) throws BrokerException;

        @Override
        public Integer call() throws Exception {
            AccessRequest r;
            try {
                r = decide(cli.client());
            } catch (AccessDeniedException e) {
                throw new CliErrors.Failure(ExitCodes.ACCESS_DENIED, e.getMessage(),
                        "see the requests you may decide with: latchkey requests --to-review (your own: latchkey requests)");
            }
            PrintWriter out = cli.out();
            out.println(json.on() ? Json.pretty(Views.json(r)) : Views.sentence(r, cli.context().clock().instant()));
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
