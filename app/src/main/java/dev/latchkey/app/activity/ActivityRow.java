package dev.latchkey.app.activity;

import dev.latchkey.core.launch.GrantUse;
import dev.latchkey.core.launch.ProcessFacts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the Activity page: a read through the local agent or a launch's refresh endpoint, a
 * launch, or a commit or push the leak guard stopped. Built from the local records, which hold names and references only, so
 * no field here can hold a value.
 *
 * @param summary one line: what happened
 * @param process the process that asked or ran; empty when the system could not say (or for a commit)
 * @param details further lines (exit code, refused references, findings)
 */
public record ActivityRow(Instant at, Kind kind, String summary, Optional<ProcessFacts> process, List<String> refs,
                          Decision decision, List<GrantUse> grants, List<String> details) {

    /** What a line is about. */
    public enum Kind {
        AGENT_READ("Agent read"), ENDPOINT_READ("Endpoint read"), LAUNCH("Launch"), COMMIT_STOPPED("Commit stopped"),
        PUSH_STOPPED("Push stopped");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The word used in an export ({@code agent-read}, {@code launch}, ...). */
        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Who let it happen: nobody was asked (auto), the user allowed or denied it, or the leak guard stopped it. */
    public enum Decision {
        AUTO("Auto"), ALLOWED("Allowed"), DENIED("Denied"), STOPPED("Stopped");

        private final String label;

        Decision(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ActivityRow {
        Objects.requireNonNull(at, "at");
        refs = List.copyOf(refs);
        grants = List.copyOf(grants);
        details = List.copyOf(details);
    }

    /** The process as a person reads it: {@code curl (pid 4242)}, or "Unknown process". */
    public String processText() {
        return process.map(p -> program(p.executable()) + " (pid " + p.pid() + ")").orElse(kind == Kind.COMMIT_STOPPED
                || kind == Kind.PUSH_STOPPED ? "git hook" : "Unknown process");
    }

    /** The working folder, or empty. */
    public String folderText() {
        return process.map(ProcessFacts::workingFolder).orElse("");
    }

    /** The parent chain, nearest first: {@code bash (4100) ← sshd (900)}. */
    public String parentsText() {
        List<String> out = new ArrayList<>();
        for (String p : process.map(ProcessFacts::parents).orElse(List.of())) {
            int space = p.indexOf(' ');
            out.add(space < 0 ? p : program(p.substring(space + 1)) + " (" + p.substring(0, space) + ")");
        }
        return String.join(" ← ", out);
    }

    /** A grant as shown: {@code payments/dev, grant g_123} or {@code payments/dev, standing access}. */
    public static String grantText(GrantUse g) {
        return g.scope() + g.grantId().map(id -> ", grant " + id).orElse(", standing access");
    }

    /** Everything a text filter looks in, lower case. */
    String searchText() {
        StringBuilder b = new StringBuilder().append(kind.label()).append('\n').append(summary).append('\n')
                .append(processText()).append('\n').append(folderText()).append('\n').append(parentsText()).append('\n')
                .append(decision.label());
        refs.forEach(r -> b.append('\n').append(r));
        grants.forEach(g -> b.append('\n').append(grantText(g)));
        details.forEach(d -> b.append('\n').append(d));
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static String program(String path) {
        Path name = path.isEmpty() ? null : Path.of(path).getFileName();
        return name == null ? (path.isEmpty() ? "unknown" : path) : name.toString();
    }
}
