package dev.latchkey.core.agent;

import dev.latchkey.core.guard.ScanReport;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The pre-commit hook's half of {@code POST /v1/guard/staged}: it hands the agent the staged diff
 * and gets the findings back, so the hook neither reads the keychain nor scans in a cold JVM.
 * JDK classes only (no JSON library), and no hello first: one connection, one answer.
 */
public final class GuardScanClient {

    /** The longest the hook waits for the agent's scan before it scans by itself. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private GuardScanClient() {
    }

    /**
     * The agent's scan of {@code diff}, the staged changes of the repository at {@code top}; empty
     * when no agent answers it within {@code timeout} (none runs, it has no leak guard, the diff
     * is larger than it takes, anything failed): the caller then scans by itself.
     */
    public static Optional<ScanReport> staged(AgentPaths paths, Path top, byte[] diff, Duration timeout) {
        if (diff.length > GuardScanCall.MAX_BODY || !Files.exists(paths.socket())) {
            return Optional.empty();
        }
        try {
            AgentClient.Answer a = AgentClient.send(paths, "POST " + GuardScanCall.PATH,
                    "Content-Type: text/x-diff\r\n" + GuardScanCall.REPOSITORY + ": "
                            + URLEncoder.encode(top.toAbsolutePath().toString(), StandardCharsets.UTF_8) + "\r\n",
                    diff, timeout);
            return a.status() == 200 ? Optional.of(GuardScanAnswer.read(a.body())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
