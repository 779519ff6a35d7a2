package dev.latchkey.core.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Latchkey's folders on this machine. They hold settings, names and lock files, never a
 * secret value or token (security invariant 1).
 *
 * @param config settings and profiles: {@code $XDG_CONFIG_HOME/latchkey} on Linux,
 *     {@code ~/Library/Application Support/Latchkey} on macOS, {@code %APPDATA%\Latchkey} on Windows
 * @param runtime lock files: {@code $XDG_RUNTIME_DIR/latchkey} when there is one (a per-user
 *     tmpfs the OS clears at logout), else the config folder
 */
public record LatchkeyDirectories(Path config, Path runtime) {

    /** The folders for the current user, from the environment and {@code user.home}. */
    public static LatchkeyDirectories forCurrentUser() {
        return from(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    /** The folders a given environment implies; tests pass their own. */
    public static LatchkeyDirectories from(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path config;
        if (os.contains("win")) {
            config = nonBlank(env, "APPDATA").map(Path::of).orElse(home.resolve("AppData").resolve("Roaming"))
                    .resolve("Latchkey");
        } else if (os.contains("mac")) {
            config = home.resolve("Library").resolve("Application Support").resolve("Latchkey");
        } else {
            config = nonBlank(env, "XDG_CONFIG_HOME").map(Path::of).orElse(home.resolve(".config")).resolve("latchkey");
        }
        Path runtime = nonBlank(env, "XDG_RUNTIME_DIR").map(p -> Path.of(p).resolve("latchkey")).orElse(config);
        return new LatchkeyDirectories(config, runtime);
    }

    /**
     * The current user's cache folder for Latchkey: files it can make again, such as the native
     * library of its pseudo-terminal support. {@code $XDG_CACHE_HOME/latchkey} on Linux (default
     * {@code ~/.cache/latchkey}), {@code ~/Library/Caches/Latchkey} on macOS,
     * {@code %LOCALAPPDATA%\Latchkey\cache} on Windows. Never a shared folder such as /tmp.
     */
    public static Path cacheForCurrentUser() {
        return cache(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    /** The cache folder a given environment implies; tests pass their own. */
    public static Path cache(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return nonBlank(env, "LOCALAPPDATA").map(Path::of).orElse(home.resolve("AppData").resolve("Local"))
                    .resolve("Latchkey").resolve("cache");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Caches").resolve("Latchkey");
        }
        return nonBlank(env, "XDG_CACHE_HOME").map(Path::of).orElse(home.resolve(".cache")).resolve("latchkey");
    }

    /**
     * The state folder for Latchkey's own records (the launch log, the leak guard's
     * fingerprints): {@code $XDG_STATE_HOME/latchkey}, by default {@code ~/.local/state/latchkey}.
     * {@code HOME} in {@code env} wins over {@code home}, so a child given another HOME keeps apart.
     */
    public static Path state(Map<String, String> env, Path home) {
        Path base = nonBlank(env, "XDG_STATE_HOME").map(Path::of)
                .orElse(nonBlank(env, "HOME").map(Path::of).orElse(home).resolve(".local").resolve("state"));
        return base.resolve("latchkey");
    }

    private static Optional<String> nonBlank(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
