package dev.latchkey.app.common;

import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.config.LatchkeyDirectories;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.launch.LaunchLog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the app keeps things on this machine and what a launched child inherits. None of these
 * folders ever holds a value or token: the config folder keeps profile names and references,
 * the launch log keeps names, references and exit codes.
 *
 * @param config the app's settings folder (profiles live here)
 * @param launchLog the launch log shared with the CLI
 * @param env the environment launched children start from (Latchkey's own variables are dropped by core)
 * @param home where a profile without a working folder starts
 */
public record LocalFolders(Path config, LaunchLog launchLog, Map<String, String> env, Path home) {

    public LocalFolders {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(launchLog, "launchLog");
        env = Map.copyOf(env);
        Objects.requireNonNull(home, "home");
    }

    /** Latchkey's state folder (the launch log's): logs, such as the demo broker's. */
    public Path state() {
        return launchLog.file().toAbsolutePath().getParent();
    }

    /** The current user's folders and environment. */
    public static LocalFolders forCurrentUser() {
        Map<String, String> env = System.getenv();
        return new LocalFolders(LatchkeyDirectories.forCurrentUser().config(), LaunchLog.inStateFolder(env), env,
                Path.of(System.getProperty("user.home")));
    }

    /**
     * The leak guard keeping its fingerprints beside the launch log (the CLI's, for the current
     * user; a test's own under {@code root}); its key is in the OS keychain.
     */
    public LeakGuard leakGuard() {
        return LeakGuard.builder().folder(launchLog.file().toAbsolutePath().getParent().resolve("guard")).build();
    }

    /** Where the app serves the local agent: the socket of this environment (docs/agent.md). */
    public AgentPaths agentPaths() {
        return AgentPaths.from(env);
    }

    /**
     * Folders under {@code root} (tests): config and state inside it, this process's environment
     * with the agent's socket inside it too, so no test serves or reaches the user's own agent.
     */
    public static LocalFolders under(Path root) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("LATCHKEY_AGENT_SOCKET", root.resolve("run").resolve(AgentPaths.SOCKET).toString());
        return new LocalFolders(root.resolve("config"), new LaunchLog(root.resolve("state").resolve("launches.jsonl")),
                env, root);
    }
}
