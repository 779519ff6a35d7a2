package dev.latchkey.cli.common;

import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentCalls;
import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.guard.LeakGuard;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

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
 * @param agent the local agent serving a broker, when one answers (asked at most once per process)
 * @param guard the leak guard that records received values and scans commits (the user's: their
 *     state folder and keychain; asked for when a command needs it)
 */
public record CliContext(Map<String, String> env, Path cwd, Clock clock, InputStream childIn, OutputStream childOut,
                         OutputStream childErr, boolean terminal, Function<URI, Session> sessions,
                         Function<URI, BearerToken> tokens, Function<URI, Optional<AgentCalls>> agent,
                         Supplier<LeakGuard> guard) {

    /**
     * For a world without an agent (tests and the build's training run). A method, not a constant:
     * a constant's lambda would be made on every start, where the real world never needs it.
     */
    public static Function<URI, Optional<AgentCalls>> noAgent() {
        return url -> Optional.empty();
    }

    /** This world with another way to find the agent (the build's training run serves one in-process). */
    public CliContext withAgent(Function<URI, Optional<AgentCalls>> other) {
        return new CliContext(env, cwd, clock, childIn, childOut, childErr, terminal, sessions, tokens, other, guard);
    }

    /** This world with another token source (the CLI's tests, run as a process, bring a token). */
    public CliContext withTokens(Function<URI, BearerToken> other) {
        return new CliContext(env, cwd, clock, childIn, childOut, childErr, terminal, sessions, other, agent, guard);
    }
}
