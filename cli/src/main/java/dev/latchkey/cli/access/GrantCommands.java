package dev.latchkey.cli.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.latchkey.cli.common.DurationOption;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.JsonOutput;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code latchkey grants}, {@code revoke}, {@code extend} and {@code sandboxes}. */
public final class GrantCommands {

    private GrantCommands() {
    }

    @Command(name = "grants", description = "List your scheduled and active grants (with --all also ended and revoked ones).")
    public static final class Grants implements Callable<Integer> {

        @Mixin
        Inherited cli;

        @Option(names = "--all", description = "Also ended and revoked grants.")
        boolean all;

        @Mixin
        JsonOutput json;

        @Override
        public Integer call() throws Exception {
            List<Grant> grants = cli.client().grants(all);
            PrintWriter out = cli.out();
            Instant now = cli.context().clock().instant();
            if (json.on()) {
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

        @Mixin
        Inherited cli;

        @Parameters(paramLabel = "GRANT", description = "The grant's id (see: latchkey grants).")
        String id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;

        @Mixin
        JsonOutput json;

        @Override
        public Integer call() throws Exception {
            Grant g = cli.client().revokeGrant(id, reason);
            PrintWriter out = cli.out();
            out.println(json.on() ? Views.pretty(Views.json(g))
                    : "Grant " + g.id() + " for " + g.scope() + ": " + Views.until(g, cli.context().clock().instant()) + ".");
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "extend", description = {"Ask for more time on a grant; once approved, the new grant",
            "starts where this one ends, so access is continuous."})
    public static final class Extend implements Callable<Integer> {

        @Mixin
        Inherited cli;

        @Parameters(paramLabel = "GRANT", description = "The grant's id (see: latchkey grants).")
        String id;

        @Option(names = "--duration", required = true, paramLabel = "D", description = "How much longer: 30m, 1h.")
        String duration;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
        String reason;

        @Mixin
        JsonOutput json;

        @Override
        public Integer call() throws Exception {
            BrokerClient client = cli.client();
            AccessRequest r = client.extendGrant(id, DurationOption.parse("--duration", duration), reason);
            PrintWriter out = cli.out();
            out.println(json.on() ? Views.pretty(Views.json(r)) : Views.sentence(r, cli.context().clock().instant()));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "sandboxes", description = "List the sandboxes you can see, for run --sandbox VAR=NAME[:TTL].")
    public static final class Sandboxes implements Callable<Integer> {

        @Mixin
        Inherited cli;

        @Mixin
        JsonOutput json;

        @Override
        public Integer call() throws Exception {
            List<Sandbox> sandboxes = cli.client().sandboxes();
            PrintWriter out = cli.out();
            if (json.on()) {
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
