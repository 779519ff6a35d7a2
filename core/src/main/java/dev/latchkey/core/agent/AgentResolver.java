package dev.latchkey.core.agent;

import dev.latchkey.core.brokerapi.InvalidSecretRefException;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.internal.agent.AgentError;
import dev.latchkey.core.internal.agent.AgentFailure;
import dev.latchkey.core.internal.agent.PeerProcess;
import dev.latchkey.core.launch.ProcessFacts;
import dev.latchkey.core.launch.ReadDecision;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The agent's {@code /v1/resolve}: the call's references and sandbox requests checked, the
 * approvals asked, the values read, and every read recorded in the {@link AgentAudit} (the
 * process that asked, the references, the decision; never a value).
 */
final class AgentResolver {

    /** The longest sandbox token lifetime a call may ask for (the broker shortens it further). */
    private static final Duration MAX_TTL = Duration.ofDays(1);

    private final SecretSource source;
    private final AgentApprovals approvals;
    private final AgentAudit audit;

    AgentResolver(SecretSource source, AgentApprovals approvals, AgentAudit audit) {
        this.source = source;
        this.approvals = approvals;
        this.audit = audit;
    }

    /** The answer to {@code call} from {@code peer}, whose broker the agent already checked. */
    AgentMessages.ResolveAnswer resolve(AgentMessages.ResolveCall call, SocketChannel peer) throws AgentFailure {
        Set<SecretRef> refs = refs(call);
        Map<String, SandboxRequest> sandboxes = sandboxes(call);
        // Who asks (from /proc: a few milliseconds) is read while the gate and the broker answer, not before
        // them; it is awaited before this returns on every path, as the lookup marks the channel for a moment.
        CompletableFuture<Optional<ProcessFacts>> facts = new CompletableFuture<>();
        Thread.ofVirtual().name("latchkey-peer").start(() -> {
            try {
                facts.complete(PeerProcess.of(peer));
            } finally {
                facts.complete(Optional.empty());
            }
        });
        try {
            return resolve(call, refs, sandboxes, facts::join);
        } finally {
            facts.join();
        }
    }

    private AgentMessages.ResolveAnswer resolve(AgentMessages.ResolveCall call, Set<SecretRef> refs,
            Map<String, SandboxRequest> sandboxes, Supplier<Optional<ProcessFacts>> facts) throws AgentFailure {
        List<String> sandboxNames = sandboxes.values().stream().map(SandboxRequest::sandbox).toList();
        Supplier<OptionalLong> pid = () -> facts.get().map(f -> OptionalLong.of(f.pid())).orElse(OptionalLong.empty());
        AgentApprovals.Gate gate;
        try {
            gate = BrokerCall.answer(() -> approvals.check(refs, call.approval(), pid));
        } catch (AgentFailure f) {
            // Finding out whether to ask failed (not signed in, broker down): a read that never happened, recorded.
            audit.failed(facts.get(), refs, sandboxNames, ReadDecision.AUTO, why(f));
            throw f;
        }
        return switch (gate) {
            // The caller asks again once it may; that call is the one recorded.
            case AgentApprovals.Gate.AskFirst ask -> new AgentMessages.ResolveAnswer("approval_needed", null, null,
                    null, ask.approver(), ask.scopes(), null);
            case AgentApprovals.Gate.Refuse refuse -> {
                audit.denied(facts.get(), refs, sandboxNames, refuse.why());
                yield AgentResolutions.toAnswer(refuse.refused());
            }
            case AgentApprovals.Gate.Proceed go -> {
                ReadDecision decision = go.approved() ? ReadDecision.ALLOWED : ReadDecision.AUTO;
                Resolution resolution;
                try {
                    resolution = BrokerCall.answer(() -> source.resolve(refs, sandboxes));
                } catch (AgentFailure f) {
                    audit.failed(facts.get(), refs, sandboxNames, decision, why(f));
                    throw f;
                }
                audit.served(facts.get(), refs, sandboxNames, decision, resolution);
                yield AgentResolutions.toAnswer(resolution).withApproval(go.allowance());
            }
        };
    }

    private static String why(AgentFailure f) {
        return f.error().type() + (f.kind() == null ? "" : "/" + f.kind());
    }

    private static Set<SecretRef> refs(AgentMessages.ResolveCall call) throws AgentFailure {
        if (call.refs() == null || call.refs().size() > 1000) {
            throw new AgentFailure(AgentError.BAD_REQUEST, "refs must be a list of at most 1000 references");
        }
        Set<SecretRef> refs = new LinkedHashSet<>();
        for (String r : call.refs()) {
            if (r == null) {
                throw new AgentFailure(AgentError.BAD_REQUEST, "refs holds a null; each must be latchkey://team/env/name");
            }
            try {
                refs.add(SecretRef.parse(r));
            } catch (InvalidSecretRefException e) {
                throw new AgentFailure(AgentError.BAD_REQUEST, "refs holds something that is not a reference: " + e.getMessage());
            }
        }
        return refs;
    }

    private static Map<String, SandboxRequest> sandboxes(AgentMessages.ResolveCall call) throws AgentFailure {
        Map<String, SandboxRequest> sandboxes = new LinkedHashMap<>();
        Map<String, AgentMessages.SandboxAsk> asked = call.sandboxes() == null ? Map.of() : call.sandboxes();
        for (Map.Entry<String, AgentMessages.SandboxAsk> e : asked.entrySet()) {
            AgentMessages.SandboxAsk ask = e.getValue();
            if (ask == null || ask.sandbox() == null || ask.sandbox().isBlank() || ask.ttlSeconds() <= 0
                    || ask.ttlSeconds() > MAX_TTL.toSeconds()) {
                throw new AgentFailure(AgentError.BAD_REQUEST, "sandboxes." + e.getKey()
                        + " needs a sandbox name and ttlSeconds between 1 and " + MAX_TTL.toSeconds());
            }
            sandboxes.put(e.getKey(), new SandboxRequest(ask.sandbox(), Duration.ofSeconds(ask.ttlSeconds())));
        }
        return sandboxes;
    }
}
