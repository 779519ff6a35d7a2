package dev.latchkey.core.agent;

import dev.latchkey.core.config.LatchkeyDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the agent's socket lives: {@code $XDG_RUNTIME_DIR/latchkey/agent.sock} (a per-user tmpfs
 * the OS clears at logout). Without {@code XDG_RUNTIME_DIR} it is {@code run/agent.sock} in the
 * config folder ({@code ~/.config/latchkey/run}), equally per user. Either folder is made 0700
 * and the socket 0600, so no other user reaches it even before the peer check.
 * {@code LATCHKEY_AGENT_SOCKET} names another path (tests, several agents side by side).
 *
 * @param socket the socket file
 */
public record AgentPaths(Path socket) {

    /** The file name of the socket. */
    public static final String SOCKET = "agent.sock";

    /** The agent's socket for this environment. */
    public static AgentPaths from(Map<String, String> env) {
        String explicit = env.get("LATCHKEY_AGENT_SOCKET");
        if (explicit != null && !explicit.isBlank()) {
            return new AgentPaths(Path.of(explicit).toAbsolutePath());
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        LatchkeyDirectories dirs = LatchkeyDirectories.from(env, System.getProperty("os.name", ""), Path.of(home));
        boolean runtime = env.get("XDG_RUNTIME_DIR") != null && !env.get("XDG_RUNTIME_DIR").isBlank();
        Path folder = runtime ? dirs.runtime() : dirs.config().resolve("run");
        return new AgentPaths(folder.resolve(SOCKET));
    }

    /** The folder holding the socket. */
    public Path folder() {
        return socket.getParent();
    }

    /** Makes the folder if needed and narrows it to its owner (0700). */
    void prepareFolder() throws IOException {
        Files.createDirectories(folder());
        Files.setPosixFilePermissions(folder(), PosixFilePermissions.fromString("rwx------"));
    }
}
