package dev.latchkey.cli.access;

import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.cli.common.Table;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.grammar.Durations;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code latchkey requests}: your access requests, or those waiting for your review. */
@Command(name = "requests", description = {"List your access requests, newest first,",
        "or with --to-review the pending requests you may decide."})
public final class RequestsCommand implements Callable<Integer> {

    @Mixin
    Inherited cli;

    @Option(names = "--to-review", description = "Pending requests of others that you may approve or deny.")
    boolean toReview;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() throws Exception {
        BrokerClient client = cli.client();
        table(toReview ? client.requestsToReview() : client.myRequests(), toReview).print(json.on(), cli.out());
        return ExitCodes.OK;
    }

    static Table<AccessRequest> table(List<AccessRequest> requests, boolean toReview) {
        Table<AccessRequest> table = Table.of(requests, Views::json)
                .fitted("ID", AccessRequest::id)
                .left("STATE", 9, r -> r.state().wire())
                .left("SCOPE", 20, r -> r.scope() + Views.secrets(r.secrets()))
                .left("FOR", 7, r -> Durations.format(r.duration()))
                .fitted("REQUESTER", Views::requester)
                .left("CREATED", 20, r -> Views.time(r.createdAt()))
                .last(toReview ? "JUSTIFICATION" : "DECIDED", r -> toReview ? r.justification() : decided(r))
                .whenEmpty(toReview ? "Nothing waits for your review." : "You have made no access requests.");
        return toReview ? table.footer("Decide with: latchkey approve ID [--reason TEXT]   or   latchkey deny ID --reason TEXT")
                : table;
    }

    private static String decided(AccessRequest r) {
        return r.state() == AccessRequest.State.PENDING ? "waiting for " + String.join("/", r.reviewers())
                : Views.by(r) + r.reason().map(x -> ": " + x).orElse("");
    }
}
