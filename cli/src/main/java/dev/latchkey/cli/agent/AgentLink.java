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

    public AgentLink(Map<String, String> env, PrintStream err) {
        this.env = env;
        this.err = err;
    }

    /** The agent serving {@code broker}, if one answers. */
    @Override
    public synchronized Optional<AgentCalls> apply(URI broker) {
        if (found == null) {
            found = probe();
        }
        return found.filter(a -> a.client().serves(broker.toString()));
    }

    private Optional<AgentCalls> probe() {
        if ("off".equalsIgnoreCase(env.getOrDefault("LATCHKEY_AGENT", ""))) {
            return Optional.empty();
        }
        AgentPaths paths = AgentPaths.from(env);
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
