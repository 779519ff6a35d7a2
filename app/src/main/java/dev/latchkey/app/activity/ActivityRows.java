package dev.latchkey.app.activity;

import dev.latchkey.core.guard.BlockedCommit;
import dev.latchkey.core.guard.Finding;
import dev.latchkey.core.launch.AgentRead;
import dev.latchkey.core.launch.EndpointRead;
import dev.latchkey.core.launch.LaunchRecord;
import dev.latchkey.core.launch.ProcessFacts;
import dev.latchkey.core.launch.ReadDecision;
import dev.latchkey.core.launch.profile.LaunchProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the local records (launch log, stopped commits) into {@link ActivityRow}s. Names only. */
final class ActivityRows {

    /** How many findings of one stopped commit are named; the rest are counted. */
    static final int FINDINGS_SHOWN = 5;

    private ActivityRows() {
    }

    static ActivityRow read(AgentRead r) {
        int n = r.refs().size() + r.sandboxes().size();
        String asked = n == 1 ? "1 secret" : n + " secrets";
        String summary = r.note().isPresent() && r.decision() == ReadDecision.DENIED
                ? "Refused " + asked
                : !r.refused().isEmpty() ? "Asked for " + asked + "; the broker refused " + r.refused().size()
                : r.note().isPresent() ? "Asked for " + asked + "; failed" : "Read " + asked + " through the agent";
        List<String> details = new ArrayList<>();
        if (!r.sandboxes().isEmpty()) {
            details.add("Sandbox tokens: " + String.join(", ", r.sandboxes()));
        }
        if (!r.refused().isEmpty()) {
            details.add("Refused by the broker: " + String.join(", ", r.refused()));
        }
        r.note().ifPresent(why -> details.add("Why: " + why));
        return new ActivityRow(r.at(), ActivityRow.Kind.AGENT_READ, summary, r.process(), r.refs(), decision(r), r.grants(),
                details);
    }

    private static ActivityRow.Decision decision(AgentRead r) {
        return switch (r.decision()) {
            case AUTO -> ActivityRow.Decision.AUTO;
            case ALLOWED -> ActivityRow.Decision.ALLOWED;
            case DENIED -> ActivityRow.Decision.DENIED;
        };
    }

    static ActivityRow endpointRead(EndpointRead r) {
        int n = r.refs().size() + r.sandboxes().size();
        List<String> details = new ArrayList<>();
        details.add("Launch " + launchName(r.profile()) + " (pid " + r.launchPid() + ")");
        if (!r.sandboxes().isEmpty()) {
            details.add("Sandbox tokens: " + String.join(", ", r.sandboxes()));
        }
        return new ActivityRow(r.at(), ActivityRow.Kind.ENDPOINT_READ, "Read " + (n == 1 ? "1 value" : n + " values")
                + " through its launch's refresh endpoint", r.reader(), r.refs(), ActivityRow.Decision.AUTO, List.of(),
                details);
    }

    static ActivityRow launch(LaunchRecord r) {
        List<String> details = new ArrayList<>();
        details.add(r.exitCode() == 0 ? "Exited normally" : "Exited with code " + r.exitCode());
        if (!r.sandboxes().isEmpty()) {
            details.add("Sandbox tokens: " + String.join(", ", r.sandboxes()));
        }
        r.note().ifPresent(details::add);
        String program = r.command().isEmpty() ? "" : r.command().getFirst();
        ProcessFacts child = new ProcessFacts(r.pid(), program, r.workingFolder(), r.parents());
        return new ActivityRow(r.started(), ActivityRow.Kind.LAUNCH, "Launched " + launchName(r.profile()), Optional.of(child),
                r.refs(), ActivityRow.Decision.AUTO, r.grants(), details);
    }

    /** A profile's name, or "from the command line" for a {@code latchkey run} that named none (not "(command line)"). */
    private static String launchName(String profile) {
        return LaunchProfile.COMMAND_LINE.equals(profile) ? "from the command line" : profile;
    }

    static ActivityRow blocked(BlockedCommit b) {
        boolean push = "pre-push".equals(b.hook());
        Path repo = Path.of(b.repository());
        String name = repo.getFileName() == null ? b.repository() : repo.getFileName().toString();
        List<String> details = new ArrayList<>();
        details.add("Repository " + b.repository());
        List<Finding> findings = b.findings();
        for (Finding f : findings.subList(0, Math.min(FINDINGS_SHOWN, findings.size()))) {
            details.add(found(f));
        }
        if (findings.size() > FINDINGS_SHOWN) {
            details.add("and " + (findings.size() - FINDINGS_SHOWN) + " more");
        }
        int n = findings.size();
        String summary = (push ? "Push" : "Commit") + " stopped in " + name + ": " + n + " secret" + (n == 1 ? "" : "s")
                + " found";
        return new ActivityRow(b.at(), push ? ActivityRow.Kind.PUSH_STOPPED : ActivityRow.Kind.COMMIT_STOPPED, summary,
                Optional.empty(), List.of(), ActivityRow.Decision.STOPPED, List.of(), details);
    }

    private static String found(Finding f) {
        String what = f.kind() == Finding.Kind.KNOWN_VALUE ? f.name() : f.detail() + " (rule " + f.name() + ")";
        String where = f.path() + ", line " + f.line()
                + f.commit().map(c -> " of commit " + c.substring(0, Math.min(12, c.length()))).orElse("");
        return what + " in " + where + (f.kind() == Finding.Kind.KNOWN_VALUE ? " (" + f.detail() + ")" : "");
    }
}
