package dev.latchkey.core.agent;

import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Resolves a launch through the agent; when the agent does not answer (late, gone, or refusing
 * for a reason of its own), through {@code alone} instead, saying so once.
 */
public final class AgentSecretSource implements SecretSource {

    private final AgentCalls agent;
    private final URI broker;
    private final SecretSource alone;
    private final Consumer<String> notices;
    private final AtomicBoolean fellBack = new AtomicBoolean();

    public AgentSecretSource(AgentCalls agent, URI broker, SecretSource alone, Consumer<String> notices) {
        this.agent = agent;
        this.broker = broker;
        this.alone = alone;
        this.notices = notices;
    }

    @Override
    public Resolution resolve(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes) throws BrokerException {
        if (!fellBack.get()) {
            try {
                return agent.resolve(broker, refs, sandboxes);
            } catch (AgentCallException e) {
                if (fellBack.compareAndSet(false, true)) {
                    notices.accept("latchkey: " + e.getMessage() + "; working without it");
                }
            }
        }
        return alone.resolve(refs, sandboxes);
    }
}
