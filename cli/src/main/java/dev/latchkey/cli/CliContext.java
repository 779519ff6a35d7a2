package dev.latchkey.cli;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.keychain.KeychainPromptListener;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the commands need from the world, in one place so tests can give their own.
 *
 * @param env the process environment
 * @param cwd the current folder
 * @param clock the time
 * @param childIn what a child in a PTY reads
 * @param childOut where a child's output goes
 * @param childErr where a child's errors go
 * @param terminal true when stdin and stdout are a terminal
 * @param sessions the signed-in session for a broker (login, logout, status)
 * @param tokens the access token source for broker calls to a broker
 */
public record CliContext(Map<String, String> env, Path cwd, Clock clock, InputStream childIn, OutputStream childOut,
                         OutputStream childErr, boolean terminal, Function<URI, Session> sessions,
                         Function<URI, BearerToken> tokens) {

    /**
     * This process's real world: the session in the OS keychain (or memory only, said so by
     * status). While the keychain shows its own prompt (a locked keychain asks for its password),
     * stderr says what Latchkey waits for.
     */
    public static CliContext system() {
        var console = System.console();
        Map<URI, Session> open = new ConcurrentHashMap<>();
        KeychainPromptListener prompts = new KeychainPromptsOnStderr(System.err);
        Function<URI, Session> sessions = url -> open.computeIfAbsent(url, u -> Latchkey.session(u, prompts));
        return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), Clock.systemUTC(), System.in, System.out,
                System.err, console != null && console.isTerminal(), sessions, url -> sessions.apply(url).bearerToken());
    }

    /** This world with another token source (the CLI's tests, run as a process, bring a token). */
    public CliContext withTokens(Function<URI, BearerToken> other) {
        return new CliContext(env, cwd, clock, childIn, childOut, childErr, terminal, sessions, other);
    }
}
