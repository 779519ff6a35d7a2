package dev.latchkey.cli.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.latchkey.cli.BrokerTarget;
import dev.latchkey.cli.DurationOption;
import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.LatchkeyCommand;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.Sandbox;
import dev.latchkey.grammar.Durations;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code latchkey grants}, {@code revoke}, {@code extend} and {@code sandboxes}. */
public final class GrantCommands {

    private GrantCommands() {
    }

    @Command(name = "grants", description = "List your scheduled and active grants (with --all also ended and revoked ones).")
    public static final class Grants implements Callable<Integer> {

        @ParentCommand
        LatchkeyCommand root;

        @Spec
        CommandSpec spec;

        @Option(names = "--all", description = "Also ended and revoked grants.")
        boolean all;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<Grant> grants = BrokerTarget.client(root.brokerOption(), root.context()).grants(all);
            PrintWriter out = spec.commandLine().getOut();
            Instant now = root.context().clock().instant();
            if (json) {
                ArrayNode arr = Views.JSON.createArrayNode();
                grants.forEach(g -> arr.add(Views.json(g)));
                out.println(Views.pretty(arr));
            } else if (grants.isEmpty()) {
                out.println("You hold no grants" + (all ? "." : " now; ask with: latchkey request SCOPE --duration D --reason TEXT"));
            } else {
                String row = "%-" + Views.width(grants.stream().map(Grant::id).toList(), "ID") + "s  %-9s  %-24s  %s%n";
                out.printf(row, "ID", "STATE", "SCOPE", "WHEN");
                for (Grant g : grants) {
                    out.printf(row, g.id(), g.state().wire(), g.scope() + Views.secrets(g.secrets()),
                            Views.until(g, now));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", description = "End a grant now (yours, or one in a scope you review).")
    public static final class Revoke implements Callable<Integer> {

        @ParentCommand
        LatchkeyCommand root;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "GRANT", description = "The grant's id (see: latchkey grants).")
        String id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;

        @Option(names = "--json", description = "Print the grant as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Grant g = BrokerTarget.client(root.brokerOption(), root.context()).revokeGrant(id, reason);
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? Views.pretty(Views.json(g))
                    : "Grant " + g.id() + " for " + g.scope() + ": " + Views.until(g, root.context().clock().instant()) + ".");
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "extend", description = {"Ask for more time on a grant; once approved, the new grant",
            "starts where this one ends, so access is continuous."})
    public static final class Extend implements Callable<Integer> {

        @ParentCommand
        LatchkeyCommand root;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "GRANT", description = "The grant's id (see: latchkey grants).")
        String id;

        @Option(names = "--duration", required = true, paramLabel = "D", description = "How much longer: 30m, 1h.")
        String duration;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
        String reason;

        @Option(names = "--json", description = "Print the new request as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            BrokerClient client = BrokerTarget.client(root.brokerOption(), root.context());
            AccessRequest r = client.extendGrant(id, DurationOption.parse("--duration", duration), reason);
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? Views.pretty(Views.json(r)) : Views.sentence(r, root.context().clock().instant()));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "sandboxes", description = "List the sandboxes you can see, for run --sandbox VAR=NAME[:TTL].")
    public static final class Sandboxes implements Callable<Integer> {

        @ParentCommand
        LatchkeyCommand root;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<Sandbox> sandboxes = BrokerTarget.client(root.brokerOption(), root.context()).sandboxes();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode arr = Views.JSON.createArrayNode();
                sandboxes.forEach(s -> arr.add(Views.json(s)));
                out.println(Views.pretty(arr));
            } else {
                out.printf("%-20s  %-20s  %-7s  %s%n", "SANDBOX", "SCOPE", "MAX TTL", "YOU");
                for (Sandbox s : sandboxes) {
                    out.printf("%-20s  %-20s  %-7s  %s%n", s.name(), s.scope(), Durations.format(s.maxTtl()),
                            !s.mayMint() ? "may not mint now (latchkey request " + s.scope() + ")"
                                    : s.accessEnds().map(t -> "may mint until " + Views.time(t)).orElse("may mint"));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
