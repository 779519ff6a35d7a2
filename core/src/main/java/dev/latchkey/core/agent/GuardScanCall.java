package dev.latchkey.core.agent;

import dev.latchkey.core.internal.agent.WireRequest;
import dev.latchkey.core.internal.agent.Wire;
import dev.latchkey.core.internal.agent.WireReply;
import dev.latchkey.core.internal.agent.AgentFailure;
import dev.latchkey.core.internal.agent.AgentError;
import dev.latchkey.core.guard.GuardException;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.ScanReport;
import dev.latchkey.core.internal.guard.HeldScans;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code POST /v1/guard/staged}: the pre-commit hook's scan, by the agent, which holds the
 * fingerprint key and file in memory (docs/agent.md). The body is the staged diff the hook had
 * git make ({@code git diff --cached -U0 -M --no-color --no-ext-diff --diff-filter=d}), as bytes;
 * the header {@value #REPOSITORY} names the repository's top folder, percent-encoded UTF-8, for
 * its rules file. The answer is a {@link GuardScanAnswer}: references, files and lines, never a
 * value; asked for {@code text/plain} (the installed hook script), a {@link GuardHookAnswer}.
 * Nothing is written, and nothing of the request is logged.
 */
final class GuardScanCall {

    /** The call's path. */
    static final String PATH = Wire.GUARD_SCAN_PATH;
    /** The header naming the repository. */
    static final String REPOSITORY = "Latchkey-Repository";
    /** The largest staged diff the agent takes (larger ones the hook scans itself). */
    static final int MAX_BODY = Wire.GUARD_SCAN_MAX_BODY;

    private final HeldScans scans;

    /** @param guard the agent's leak guard; null when it has none (the call then says so) */
    GuardScanCall(LeakGuard guard) {
        this.scans = guard == null ? null : new HeldScans(guard);
    }

    /** Reads the guard's key and file and warms the scanner, on a thread of its own. */
    void warm() {
        if (scans != null) {
            Thread.ofVirtual().name("latchkey-guard-warm").start(scans::warm);
        }
    }

    WireReply handle(WireRequest request) throws AgentFailure {
        if (!request.method().equals("POST")) {
            throw new AgentFailure(AgentError.METHOD_NOT_ALLOWED, PATH + " takes POST");
        }
        if (scans == null) {
            throw new AgentFailure(AgentError.NOT_FOUND, "this agent has no leak guard; the hook scans by itself");
        }
        Path top = repository(request);
        boolean hook = GuardHookAnswer.wanted(request);
        byte[] body = request.body();
        int length = hook ? GuardHookAnswer.diffLength(body) : body.length;
        ScanReport report;
        try {
            report = scans.staged(top, new ByteArrayInputStream(body, 0, length));
        } catch (GuardException e) {
            throw new AgentFailure(AgentError.BAD_REQUEST, e.getMessage() + "; " + e.hint());
        }
        if (hook) {
            return new WireReply(200, GuardHookAnswer.CONTENT_TYPE, GuardHookAnswer.write(report).getBytes(StandardCharsets.UTF_8));
        }
        return new WireReply(200, GuardScanAnswer.CONTENT_TYPE,
                GuardScanAnswer.write(report).getBytes(StandardCharsets.UTF_8));
    }

    private static Path repository(WireRequest request) throws AgentFailure {
        String raw = request.header(REPOSITORY).orElseThrow(() -> new AgentFailure(AgentError.BAD_REQUEST,
                PATH + " needs the header " + REPOSITORY + ": the repository's top folder, percent-encoded"));
        Path top;
        try {
            top = Path.of(URLDecoder.decode(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) { // InvalidPathException is one too
            throw new AgentFailure(AgentError.BAD_REQUEST, REPOSITORY + " is not a percent-encoded path");
        }
        if (!top.isAbsolute() || !Files.isDirectory(top)) {
            throw new AgentFailure(AgentError.BAD_REQUEST, REPOSITORY + " must name an existing folder by its absolute path");
        }
        return top;
    }
}
