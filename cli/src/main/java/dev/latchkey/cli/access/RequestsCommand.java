package dev.latchkey.cli.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.grammar.Durations;
import java.io.PrintWriter;
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
        List<AccessRequest> requests = toReview ? client.requestsToReview() : client.myRequests();
        PrintWriter out = cli.out();
        if (json.on()) {
            ArrayNode arr = Views.JSON.createArrayNode();
            requests.forEach(r -> arr.add(Views.json(r)));
            out.println(Views.pretty(arr));
        } else if (requests.isEmpty()) {
            out.println(toReview ? "Nothing waits for your review." : "You have made no access requests.");
        } else {
            String row = "%-" + Views.width(requests.stream().map(AccessRequest::id).toList(), "ID")
                    + "s  %-9s  %-20s  %-7s  %-" + Views.width(requests.stream().map(Views::requester).toList(), "REQUESTER")
                    + "s  %-20s  %s%n";
            out.printf(row, "ID", "STATE", "SCOPE", "FOR", "REQUESTER", "CREATED", toReview ? "JUSTIFICATION" : "DECIDED");
            for (AccessRequest r : requests) {
                String last = toReview ? r.justification()
                        : r.state() == AccessRequest.State.PENDING ? "waiting for " + String.join("/", r.reviewers())
                        : Views.by(r) + r.reason().map(x -> ": " + x).orElse("");
                out.printf(row, r.id(), r.state().wire(),
                        r.scope() + Views.secrets(r.secrets()), Durations.format(r.duration()), Views.requester(r),
                        Views.time(r.createdAt()), last);
            }
            if (toReview) {
                out.println("Decide with: latchkey approve ID [--reason TEXT]   or   latchkey deny ID --reason TEXT");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
