package dev.latchkey.cli.startup;

import dev.latchkey.cli.guard.HookThroughAgent;
import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentBusyException;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.agent.AgentServer;
import dev.latchkey.core.agent.AgentService;
import dev.latchkey.core.guard.LeakGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            for (int i = 0; i < rounds; i++) {
                if (HookThroughAgent.run(withAgent, repo, quiet, quiet).orElse(-1) != 0) {
                    throw new IllegalStateException("the hook through the agent did not pass the training's diff");
                }
            }
        } catch (AgentBusyException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
