package dev.latchkey.cli.agent;

import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentCallException;
import dev.latchkey.core.agent.AgentCalls;
import dev.latchkey.core.agent.AgentClient;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.NotSignedInException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * How a CLI process finds the agent: asked once, on first need, within
 * {@link AgentClient#FALLBACK_TIMEOUT}. A socket that exists but does not answer in time is said
 * once on stderr; the command then works alone. {@code LATCHKEY_AGENT=off} skips the agent.
 */
public final class AgentLink implements Function<URI, Optional<AgentCalls>> {

    private final Map<String, String> env;
    private final PrintStream err;
    private final AtomicBoolean told = new AtomicBoolean();
    private Optional<AgentCalls> found;
    private FutureTask<Optional<AgentCalls>> ahead;

    public AgentLink(Map<String, String> env, PrintStream err) {
        this.env = env;
        this.err = err;
    }

    /**
     * Starts asking for the agent now, on a thread of its own, for a command that will ask anyway (a
     * launch): a JVM's first socket channel costs tens of milliseconds before its first byte (its
     * provider is looked up through every jar on the class path, a random generator is seeded), which
     * then passes beside the command's own start instead of before its first call.
     */
    public synchronized AgentLink probeAhead() {
        if (found == null && ahead == null) {
            ahead = new FutureTask<>(this::probe);
            Thread.ofPlatform().daemon().name("latchkey-agent-probe").start(ahead);
        }
        return this;
    }

    /** The agent serving {@code broker}, if one answers. */
    @Override
    public synchronized Optional<AgentCalls> apply(URI broker) {
        if (found == null) {
            found = ahead == null ? probe() : ahead();
        }
        return found.filter(a -> a.client().serves(broker.toString()));
    }

    private Optional<AgentCalls> ahead() {
        try {
            return ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            // What the probe would have thrown on this thread.
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Optional<AgentCalls> probe() {
        if ("off".equalsIgnoreCase(env.getOrDefault("LATCHKEY_AGENT", ""))) {
            return Optional.empty();
        }
        AgentPaths paths = AgentPaths.from(env);
        if (Files.exists(paths.socket())) {
            JdkChannelProvider.name();
        }
        Optional<AgentClient> client = AgentClient.probe(paths, AgentClient.FALLBACK_TIMEOUT);
        if (client.isEmpty() && Files.exists(paths.socket())) {
            tell("latchkey: the agent at " + paths.socket() + " did not answer within "
                    + AgentClient.FALLBACK_TIMEOUT.toMillis() + " ms; working without it");
        }
        return client.map(AgentCalls::new);
    }

    /**
     * Where broker calls get their token: from the agent when one serves that broker (falling back
     * to the session's own when it stops answering), else from {@code sessions}' session.
     */
    public Function<URI, BearerToken> tokensOr(Function<URI, Session> sessions) {
        return url -> apply(url).map(a -> tokens(url, a, () -> sessions.apply(url).bearerToken().get()))
                .orElseGet(() -> sessions.apply(url).bearerToken());
    }

    /**
     * The agent's token for {@code broker}, or {@code alone}'s when the agent does not answer
     * (said once). Each call asks the agent, which holds the token in memory and refreshes it once
     * for all its clients.
     */
    public BearerToken tokens(URI broker, AgentCalls agent, BearerToken alone) {
        AtomicBoolean fellBack = new AtomicBoolean();
        return () -> {
            if (!fellBack.get()) {
                try {
                    return agent.accessToken(broker);
                } catch (AgentCallException e) {
                    fellBack.set(true);
                    tell("latchkey: " + e.getMessage() + "; working without it");
                } catch (NotSignedInException e) {
                    throw e;
                } catch (BrokerException e) {
                    throw new NotSignedInException(e.getMessage(), e);
                }
            }
            return alone.get();
        };
    }

    private void tell(String line) {
        if (told.compareAndSet(false, true)) {
            err.println(line);
            err.flush();
        }
    }
}
