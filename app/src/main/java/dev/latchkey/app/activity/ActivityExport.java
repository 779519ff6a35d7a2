package dev.latchkey.app.activity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.core.config.PrivateFiles;
import dev.latchkey.core.launch.GrantUse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes activity as JSON lines, one object per row: time, kind, process (pid, executable,
 * working folder, parents), references, decision, grants, summary and details. The rows hold
 * names and references only, so the export holds no value. The file is the user's own (0600).
 */
final class ActivityExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ActivityExport() {
    }

    static void write(List<ActivityRow> rows, Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        for (ActivityRow r : rows) {
            out.append(line(r)).append('\n');
        }
        PrivateFiles.writeString(file, out.toString());
    }

    static String line(ActivityRow r) throws JsonProcessingException {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("time", r.at().toString());
        o.put("kind", r.kind().wire());
        r.process().ifPresent(p -> {
            o.put("pid", p.pid());
            o.put("executable", p.executable());
            o.put("workingFolder", p.workingFolder());
            o.put("parents", p.parents());
        });
        o.put("refs", r.refs());
        o.put("decision", r.decision().wire());
        o.put("grants", r.grants().stream().map(ActivityExport::grant).toList());
        o.put("summary", r.summary());
        o.put("details", r.details());
        return JSON.writeValueAsString(o);
    }

    private static Map<String, String> grant(GrantUse g) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("scope", g.scope());
        g.grantId().ifPresent(id -> m.put("id", id));
        return m;
    }
}
