package dev.latchkey.cli.guard;

import dev.latchkey.core.guard.Finding;
import dev.latchkey.core.guard.GuardedRepository;
import dev.latchkey.core.guard.ScanReport;
import java.io.PrintWriter;
import java.util.List;

/** How guard results are printed: names, places and fixes, never a value. */
final class GuardOutput {

    private GuardOutput() {
    }

    static void text(PrintWriter out, PrintWriter err, ScanReport r, String what, boolean hook, List<String> reports) {
        if (r.found()) {
            int n = r.findings().size();
            out.println("latchkey guard: " + (hook ? what + " stopped: " : "") + n + " secret" + (n == 1 ? "" : "s")
                    + " found in " + what + (hook ? "" : ""));
            for (Finding f : r.findings()) {
                out.println("  " + f.commit().map(c -> c.substring(0, Math.min(12, c.length())) + " ").orElse("")
                        + f.path() + ":" + f.line() + "  " + f.name() + "  (" + f.detail() + ")"
                        + (f.published() ? "  EXPOSED: reached a remote" : ""));
                out.println("      fix: " + f.fix());
                out.println("      allow: " + f.fingerprint());
            }
            if (hook) {
                out.println("Nothing was " + (what.equals("push") ? "pushed" : "committed")
                        + ". To go ahead anyway (not recommended): git " + (what.equals("push") ? "push" : "commit")
                        + " --no-verify");
            }
        } else if (!hook) {
            out.println("latchkey guard: no secrets found in " + what + " (" + r.files() + " file"
                    + (r.files() == 1 ? "" : "s") + ", " + r.lines() + " line" + (r.lines() == 1 ? "" : "s") + ")");
        }
        for (String note : r.notes()) {
            err.println("latchkey guard: note: " + note);
        }
        if (!r.fingerprintsOn() || !hook) {
            err.println("latchkey guard: " + r.fingerprints());
        }
        for (String line : reports) {
            err.println("latchkey guard: " + line);
        }
        out.flush();
        err.flush();
    }

    static void repository(PrintWriter out, GuardedRepository r, String verb) {
        out.println("latchkey guard: " + verb + " " + r.folder() + " (hooks in " + r.hooks() + ")");
        for (String c : r.chained()) {
            out.println("  your existing " + c + " hook runs first (kept as " + c + ".latchkey-chained)");
        }
        out.flush();
    }
}
