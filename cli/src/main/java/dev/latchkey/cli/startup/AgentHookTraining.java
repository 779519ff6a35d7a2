package dev.latchkey.cli.startup;

import dev.latchkey.cli.guard.PreCommitHook;
import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentBusyException;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.agent.AgentServer;
import dev.latchkey.core.agent.AgentService;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.ScanReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The AOT training's pre-commit hook while an agent serves the guard's scans: the hook's side (the
 * diff handed over, the answer read, no command line) runs in the training's JVM, so the cache
 * holds it; the agent is served in-process over the training's in-memory guard key.
 */
final class AgentHookTraining {

    private AgentHookTraining() {
    }

    static void run(Path folder, Session session, LeakGuard guard, Map<String, String> env, Path repo, int rounds)
            throws IOException {
        AgentPaths paths = new AgentPaths(folder.resolve(AgentPaths.SOCKET));
        AgentService service = new AgentService(session, Clock.systemUTC(), guard, line -> { });
        try (AgentServer server = AgentServer.start(paths, service, line -> { })) {
            Map<String, String> withAgent = new HashMap<>(env);
            withAgent.put("LATCHKEY_AGENT_SOCKET", server.paths().socket().toString());
            // Only the agent's half: the hook's own scan would read the developer's keychain.
            for (int i = 0; i < rounds; i++) {
                if (PreCommitHook.throughAgent(withAgent, repo).map(ScanReport::found).orElse(true)) {
                    throw new IllegalStateException("the hook through the agent did not pass the training's diff");
                }
            }
        } catch (AgentBusyException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
