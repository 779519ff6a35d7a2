package dev.latchkey.cli.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.Json;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.cli.common.Table;
import dev.latchkey.core.launch.LaunchLog;
import dev.latchkey.core.launch.LaunchRecord;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code latchkey history}: past launches from the local launch log (names and references only). */
@Command(name = "history", description = "List past launches: when, what, which references, pid and exit code.")
public final class HistoryCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Mixin
    Inherited cli;

    @Mixin
    JsonOutput json;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Show the last N launches (default: 20).")
    int limit = 20;

    @Override
    public Integer call() throws Exception {
        List<LaunchRecord> all = LaunchLog.inStateFolder(cli.context().env()).read();
        table(all.subList(Math.max(0, all.size() - limit), all.size()), cli.context().clock().getZone())
                .print(json.on(), cli.out());
        return 0;
    }

    /** One line a launch, its references, sandboxes and note under it, in line with the command. */
    static Table<LaunchRecord> table(List<LaunchRecord> launches, ZoneId zone) {
        return Table.of(launches, HistoryCommand::json)
                .left("STARTED", 19, r -> WHEN.format(r.started().atZone(zone)))
                .right("EXIT", 4, LaunchRecord::exitCode)
                .right("PID", 7, LaunchRecord::pid)
                .left("PROFILE", 16, LaunchRecord::profile)
                .last("COMMAND / REFERENCES", r -> String.join(" ", r.command()))
                .details(44, HistoryCommand::details)
                .whenEmpty("No launches yet.");
    }

    private static List<String> details(LaunchRecord r) {
        List<String> lines = new ArrayList<>(r.refs());
        r.sandboxes().forEach(s -> lines.add("sandbox " + s));
        r.note().ifPresent(n -> lines.add("(" + n + ")"));
        return lines;
    }

    private static ObjectNode json(LaunchRecord r) {
        ObjectNode o = Json.object();
        o.put("started", r.started().toString());
        o.put("ended", r.ended().toString());
        o.put("profile", r.profile());
        r.command().forEach(o.putArray("command")::add);
        r.refs().forEach(o.putArray("refs")::add);
        r.sandboxes().forEach(o.putArray("sandboxes")::add);
        o.put("pid", r.pid());
        o.put("exitCode", r.exitCode());
        r.note().ifPresent(n -> o.put("note", n));
        return o;
    }
}
