package dev.latchkey.core.agent;

import dev.latchkey.core.approval.ApprovalGate;
import dev.latchkey.core.approval.ApprovalRequest;
import dev.latchkey.core.approval.Approver;
import dev.latchkey.core.approval.Decision;
import dev.latchkey.core.approval.Requester;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.internal.agent.AgentError;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Resolves a launch through the agent; when the agent does not answer (late, gone, or refusing
 * for a reason of its own), through {@code alone} instead, saying so once.
 *
 * <p>Scopes that ask for confirmation: when the desktop app hosts the agent, the app asks and this
 * source says that it waits; a headless agent leaves the question to {@code terminal}. An allowance
 * for the launch (the app's "Allow for this launch", a terminal's yes) is kept for the launch's
 * later resolves, its restarts.
 */
public final class AgentSecretSource implements SecretSource {

    private final AgentCalls agent;
    private final URI broker;
    private final SecretSource alone;
    private final Consumer<String> notices;
    private final Approver terminal;
    private final Clock clock;
    private final AtomicBoolean fellBack = new AtomicBoolean();
    private final Set<String> allowedInTerminal = ConcurrentHashMap.newKeySet();
    private volatile String allowance;

    /** A source for a caller without a terminal to ask in. */
    public AgentSecretSource(AgentCalls agent, URI broker, SecretSource alone, Consumer<String> notices) {
        this(agent, broker, alone, notices, Approver.NOBODY, Clock.systemUTC());
    }

    /**
     * @param terminal asks in the caller's terminal when a headless agent leaves the question to it
     */
    public AgentSecretSource(AgentCalls agent, URI broker, SecretSource alone, Consumer<String> notices,
                             Approver terminal, Clock clock) {
        this.agent = agent;
        this.broker = broker;
        this.alone = alone;
        this.notices = notices;
        this.terminal = terminal;
        this.clock = clock;
    }

    @Override
    public Resolution resolve(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes) throws BrokerException {
        if (!fellBack.get()) {
            try {
                return throughAgent(refs, sandboxes);
            } catch (AgentCallException e) {
                if (fellBack.compareAndSet(false, true)) {
                    notices.accept("latchkey: " + e.getMessage() + "; working without it");
                }
            }
        }
        return alone.resolve(refs, sandboxes);
    }

    private Resolution throughAgent(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes)
            throws AgentCallException, BrokerException {
        AgentResolve answer = agent.resolve(broker, refs, sandboxes, allowance);
        if (answer instanceof AgentResolve.ApprovalNeeded needed) {
            String approval;
            if (needed.inApp()) {
                notices.accept("latchkey: " + String.join(", ", needed.scopes())
                        + " asks to confirm each launch. Waiting for approval in the Latchkey app… (up to "
                        + ApprovalRequest.TIMEOUT.toSeconds() + " s)");
                approval = "ask";
            } else if (allowedInTerminal.containsAll(needed.scopes())) {
                approval = "terminal";
            } else {
                List<SecretRef> asked = refs.stream().filter(r -> needed.scopes().contains(r.scope())).toList();
                Decision decision = askTerminal(needed.scopes(), asked);
                if (!decision.allows()) {
                    return ApprovalGate.refused(asked, decision);
                }
                if (decision == Decision.ALLOW_FOR_LAUNCH) {
                    allowedInTerminal.addAll(needed.scopes());
                }
                approval = "terminal";
            }
            answer = agent.resolve(broker, refs, sandboxes, approval);
        }
        // Not a pattern switch: its first run makes a class at run time, which the AOT cache cannot hold.
        if (answer instanceof AgentResolve.Done done) {
            if (done.allowance().isPresent()) {
                allowance = done.allowance().get();
            }
            return done.resolution();
        }
        throw new AgentCallException(AgentError.BAD_REQUEST,
                "the agent (pid " + agent.client().pid() + ") asked for an approval again", null);
    }

    private Decision askTerminal(List<String> scopes, List<SecretRef> refs) {
        try {
            return terminal.decide(new ApprovalRequest(Requester.self(), scopes, refs, clock.instant(),
                    ApprovalRequest.TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.TIMED_OUT;
        }
    }
}
