package dev.latchkey.cli.broker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.Json;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.cli.common.Table;
import dev.latchkey.core.brokerapi.Scope;
import dev.latchkey.grammar.Durations;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code latchkey scopes}: the scopes you can see and your access to each. */
@Command(name = "scopes", description = "List the scopes you can see, with your access to each.")
public final class ScopesCommand implements Callable<Integer> {

    @Mixin
    Inherited cli;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() throws Exception {
        table(cli.client().scopes()).print(json.on(), cli.out());
        return 0;
    }

    static Table<Scope> table(List<Scope> scopes) {
        return Table.of(scopes, ScopesCommand::json)
                .left("SCOPE", 28, Scope::name)
                .last("ACCESS", ScopesCommand::access);
    }

    private static ObjectNode json(Scope s) {
        ObjectNode o = Json.object();
        o.put("scope", s.name());
        o.put("access", s.access().name().toLowerCase(Locale.ROOT));
        s.grantedUntil().ifPresent(t -> o.put("grantedUntil", t.toString()));
        s.maxDuration().ifPresent(d -> o.put("maxDurationSeconds", d.toSeconds()));
        return o;
    }

    private static String access(Scope s) {
        return switch (s.access()) {
            case STANDING -> "standing";
            case GRANTED -> "granted until " + s.grantedUntil()
                    .map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("?");
            case REQUESTABLE -> "requestable" + s.maxDuration().map(d -> " (up to " + Durations.format(d) + ")").orElse("");
            case NONE -> "none";
        };
    }
}
