package dev.latchkey.cli.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.core.brokerapi.Scope;
import dev.latchkey.grammar.Durations;
import java.io.PrintWriter;
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
        List<Scope> scopes = cli.client().scopes();
        PrintWriter out = cli.out();
        if (json.on()) {
            ObjectMapper m = new ObjectMapper();
            ArrayNode arr = m.createArrayNode();
            for (Scope s : scopes) {
                ObjectNode o = arr.addObject();
                o.put("scope", s.name());
                o.put("access", s.access().name().toLowerCase(Locale.ROOT));
                s.grantedUntil().ifPresent(t -> o.put("grantedUntil", t.toString()));
                s.maxDuration().ifPresent(d -> o.put("maxDurationSeconds", d.toSeconds()));
            }
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
        } else {
            out.printf("%-28s  %s%n", "SCOPE", "ACCESS");
            for (Scope s : scopes) {
                String access = switch (s.access()) {
                    case STANDING -> "standing";
                    case GRANTED -> "granted until " + s.grantedUntil()
                            .map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("?");
                    case REQUESTABLE -> "requestable" + s.maxDuration().map(d -> " (up to " + Durations.format(d) + ")").orElse("");
                    case NONE -> "none";
                };
                out.printf("%-28s  %s%n", s.name(), access);
            }
        }
        out.flush();
        return 0;
    }
}
