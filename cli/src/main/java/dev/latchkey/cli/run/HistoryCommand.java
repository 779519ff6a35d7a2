package dev.latchkey.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.core.launch.LaunchLog;
import dev.latchkey.core.launch.LaunchRecord;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
        List<LaunchRecord> shown = all.subList(Math.max(0, all.size() - limit), all.size());
        PrintWriter out = cli.out();
        if (json.on()) {
            ObjectMapper m = new ObjectMapper();
            ArrayNode arr = m.createArrayNode();
            for (LaunchRecord r : shown) {
                ObjectNode o = arr.addObject();
                o.put("started", r.started().toString());
                o.put("ended", r.ended().toString());
                o.put("profile", r.profile());
                r.command().forEach(o.putArray("command")::add);
                ArrayNode refs = o.putArray("refs");
                r.refs().forEach(refs::add);
                ArrayNode sb = o.putArray("sandboxes");
                r.sandboxes().forEach(sb::add);
                o.put("pid", r.pid());
                o.put("exitCode", r.exitCode());
                r.note().ifPresent(n -> o.put("note", n));
            }
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
        } else if (shown.isEmpty()) {
            out.println("No launches yet.");
        } else {
            out.printf("%-19s  %4s  %7s  %-16s  %s%n", "STARTED", "EXIT", "PID", "PROFILE", "COMMAND / REFERENCES");
            ZoneId zone = cli.context().clock().getZone();
            for (LaunchRecord r : shown) {
                out.printf("%-19s  %4d  %7d  %-16s  %s%n", WHEN.format(r.started().atZone(zone)), r.exitCode(), r.pid(),
                        r.profile(), String.join(" ", r.command()));
                for (String ref : r.refs()) {
                    out.printf("%44s%s%n", "", ref);
                }
                for (String s : r.sandboxes()) {
                    out.printf("%44ssandbox %s%n", "", s);
                }
                r.note().ifPresent(n -> out.printf("%44s(%s)%n", "", n));
            }
        }
        out.flush();
        return 0;
    }
}
