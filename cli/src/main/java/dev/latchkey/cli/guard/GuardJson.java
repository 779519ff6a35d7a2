package dev.latchkey.cli.guard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.common.Json;
import dev.latchkey.core.guard.Finding;
import dev.latchkey.core.guard.ScanReport;
import java.io.PrintWriter;
import java.util.List;

/**
 * Guard results as JSON for CI ({@code --json}). Its own class so that verifying {@link GuardOutput},
 * which every hook run loads, never loads Jackson's node types: a clean commit loads no JSON code.
 */
final class GuardJson {

    private GuardJson() {
    }

    static void json(PrintWriter out, ScanReport r, List<String> reports) throws Exception {
        ObjectNode o = Json.object();
        ArrayNode fs = o.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode n = fs.addObject();
            n.put("path", f.path());
            n.put("line", f.line());
            f.commit().ifPresent(c -> n.put("commit", c));
            n.put("kind", f.kind() == Finding.Kind.KNOWN_VALUE ? "received-value" : "pattern");
            n.put("name", f.name());
            n.put("detail", f.detail());
            n.put("fingerprint", f.fingerprint());
            n.put("published", f.published());
            n.put("fix", f.fix());
        }
        r.notes().forEach(o.putArray("notes")::add);
        o.put("fingerprints", r.fingerprints());
        o.put("fingerprintsOn", r.fingerprintsOn());
        o.put("files", r.files());
        o.put("lines", r.lines());
        reports.forEach(o.putArray("reports")::add);
        out.println(Json.pretty(o));
        out.flush();
    }
}
