package dev.latchkey.core.agent;

import dev.latchkey.core.guard.ScanReport;
import dev.latchkey.core.internal.agent.AgentError;
import dev.latchkey.core.internal.agent.AgentFailure;
import dev.latchkey.core.internal.agent.WireRequest;
import dev.latchkey.core.internal.guard.Hooks;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code POST /v1/guard/staged} asked by the installed pre-commit hook script itself, with
 * {@code curl --unix-socket} and {@code Accept: text/plain} (docs/agent.md), so that a clean commit
 * starts no JVM at all. The script cannot read a scan report, so the agent answers its verdict:
 *
 * <pre>
 * latchkey-guard-hook 1 clean        then the lines the hook prints on stderr for a clean commit
 * latchkey-guard-hook 1 stopped      nothing more: the script runs {@code latchkey guard staged --hook},
 *                                    which prints, records and reports the findings as always
 * </pre>
 *
 * A stopped commit is thus printed, recorded and reported by the one code that always did, and a
 * clean one prints what that code prints (a test compares them). The answer holds notes and the
 * fingerprints' state, never a finding and never a value.
 *
 * <p>The body must end with the line {@value #END}, which the script writes only after git made
 * the whole diff: a git that failed half way must not pass as a clean commit.
 */
final class GuardHookAnswer {

    /** The media type the script asks for. */
    static final String CONTENT_TYPE = "text/plain; charset=utf-8";
    /** The line the script writes after git's diff (no line of git's diff starts with an {@code l}). */
    static final String END = Hooks.GUARD_END;
    static final String CLEAN = Hooks.GUARD_CLEAN;
    static final String STOPPED = "latchkey-guard-hook 1 stopped";
    private static final byte[] END_LINE = (END + "\n").getBytes(StandardCharsets.US_ASCII);

    private GuardHookAnswer() {
    }

    /** Whether {@code request} comes from the hook script (it asks for plain text). */
    static boolean wanted(WireRequest request) {
        return request.header("Accept").map(a -> a.contains("text/plain")).orElse(false);
    }

    /**
     * The length of the diff in {@code body}: all of it but the closing {@value #END} line.
     *
     * @throws AgentFailure when that line is missing (git failed, or the body was cut)
     */
    static int diffLength(byte[] body) throws AgentFailure {
        int at = body.length - END_LINE.length;
        if (at < 0 || (at > 0 && body[at - 1] != '\n')
                || !Arrays.equals(body, at, body.length, END_LINE, 0, END_LINE.length)) {
            throw new AgentFailure(AgentError.BAD_REQUEST,
                    "the hook's diff must end with the line \"" + END + "\"; the hook scans by itself");
        }
        return at;
    }

    /** The verdict and, for a clean commit, what the hook prints on stderr (as the command line does). */
    static String write(ScanReport r) {
        if (r.found()) {
            return STOPPED + "\n";
        }
        StringBuilder b = new StringBuilder(CLEAN).append('\n');
        for (String note : r.notes()) {
            b.append("latchkey guard: note: ").append(note).append('\n');
        }
        if (!r.fingerprintsOn()) {
            b.append("latchkey guard: ").append(r.fingerprints()).append('\n');
        }
        return b.toString();
    }
}
