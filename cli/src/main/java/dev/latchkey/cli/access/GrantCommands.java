package dev.latchkey.cli.access;

import dev.latchkey.cli.common.DurationOption;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.Json;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.cli.common.Table;
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
            table(cli.client().grants(all), all, cli.context().clock().instant()).print(json.on(), cli.out());
            return ExitCodes.OK;
        }

        static Table<Grant> table(List<Grant> grants, boolean all, Instant now) {
            return Table.of(grants, Views::json)
                    .fitted("ID", Grant::id)
                    .left("STATE", 9, g -> g.state().wire())
                    .left("SCOPE", 24, g -> g.scope() + Views.secrets(g.secrets()))
                    .last("WHEN", g -> Views.until(g, now))
                    .whenEmpty("You hold no grants" + (all ? "." : " now; ask with: latchkey request SCOPE --duration D --reason TEXT"));
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
            out.println(json.on() ? Json.pretty(Views.json(g))
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
            out.println(json.on() ? Json.pretty(Views.json(r)) : Views.sentence(r, cli.context().clock().instant()));
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
            table(cli.client().sandboxes()).print(json.on(), cli.out());
            return ExitCodes.OK;
        }

        static Table<Sandbox> table(List<Sandbox> sandboxes) {
            return Table.of(sandboxes, Views::json)
                    .left("SANDBOX", 20, Sandbox::name)
                    .left("SCOPE", 20, Sandbox::scope)
                    .left("MAX TTL", 7, s -> Durations.format(s.maxTtl()))
                    .last("YOU", s -> !s.mayMint() ? "may not mint now (latchkey request " + s.scope() + ")"
                            : s.accessEnds().map(t -> "may mint until " + Views.time(t)).orElse("may mint"));
        }
    }
}
