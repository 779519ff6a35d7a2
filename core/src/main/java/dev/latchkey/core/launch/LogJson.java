package dev.latchkey.core.launch;

import dev.latchkey.core.internal.json.StrictJson;
import java.util.List;

/**
 * The launch log's lines, written by hand and read with Jackson. Written without a JSON library:
 * every {@code latchkey run} appends one, and loading one costs that command more than the rest of
 * its start-up work.
 */
final class LogJson {

    /** The {@code kind} of an agent read; launch lines have no {@code kind} (older readers skip other kinds). */
    static final String AGENT_READ = "agent-read";
    /** The {@code kind} of a read through a launch's refresh endpoint. */
    static final String ENDPOINT_READ = "endpoint-read";

    private LogJson() {
    }

    static String launch(LaunchRecord r) {
        Line o = new Line();
        o.text("started", IsoInstant.of(r.started())).text("ended", IsoInstant.of(r.ended())).text("profile", r.profile())
                .list("command", r.command()).list("refs", r.refs()).list("sandboxes", r.sandboxes())
                .number("pid", r.pid()).number("exitCode", r.exitCode());
        r.note().ifPresent(n -> o.text("note", n));
        if (!r.workingFolder().isEmpty()) {
            o.text("cwd", r.workingFolder());
        }
        o.list("parents", r.parents()).grants(r.grants());
        return o.end();
    }

    static String agentRead(AgentRead r) {
        Line o = new Line();
        o.text("kind", AGENT_READ).text("at", IsoInstant.of(r.at()));
        r.process().ifPresent(p -> o.number("pid", p.pid()).text("executable", p.executable())
                .text("cwd", p.workingFolder()).list("parents", p.parents()));
        o.list("refs", r.refs()).list("sandboxes", r.sandboxes()).text("decision", r.decision().wire())
                .grants(r.grants()).list("refused", r.refused());
        r.note().ifPresent(n -> o.text("note", n));
        return o.end();
    }

    static String endpointRead(EndpointRead r) {
        Line o = new Line();
        o.text("kind", ENDPOINT_READ).text("at", IsoInstant.of(r.at()));
        r.reader().ifPresent(p -> o.number("pid", p.pid()).text("executable", p.executable())
                .text("cwd", p.workingFolder()).list("parents", p.parents()));
        o.number("launchPid", r.launchPid()).text("profile", r.profile()).list("refs", r.refs())
                .list("sandboxes", r.sandboxes()).text("decision", r.decision().wire());
        return o.end();
    }

    /** One JSON object on one line. */
    private static final class Line {
        private final StringBuilder o = new StringBuilder(256).append('{');

        private StringBuilder field(String name) {
            return o.append(o.length() > 1 ? "," : "").append(quoted(name)).append(':');
        }

        Line text(String name, String value) {
            field(name).append(quoted(value));
            return this;
        }

        Line number(String name, long value) {
            field(name).append(value);
            return this;
        }

        Line list(String name, List<String> items) {
            StringBuilder a = field(name).append('[');
            for (int i = 0; i < items.size(); i++) {
                a.append(i > 0 ? "," : "").append(quoted(items.get(i)));
            }
            a.append(']');
            return this;
        }

        Line grants(List<GrantUse> grants) {
            StringBuilder a = field("grants").append('[');
            for (int i = 0; i < grants.size(); i++) {
                GrantUse g = grants.get(i);
                a.append(i > 0 ? "," : "").append("{\"scope\":").append(quoted(g.scope()));
                g.grantId().ifPresent(id -> a.append(",\"id\":").append(quoted(id)));
                a.append('}');
            }
            a.append(']');
            return this;
        }

        String end() {
            return o.append("}\n").toString();
        }
    }

    /** A JSON string (RFC 8259): quote, backslash and control characters escaped. */
    static String quoted(String text) {
        return StrictJson.quoted(text);
    }
}
