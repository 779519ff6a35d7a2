package dev.latchkey.core.agent;

import dev.latchkey.core.approval.ApprovalGate;
import dev.latchkey.core.approval.ApprovalRequest;
import dev.latchkey.core.approval.Approver;
import dev.latchkey.core.approval.ConfirmScopes;
import dev.latchkey.core.approval.Decision;
import dev.latchkey.core.approval.Requester;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.Resolution;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The agent's side of approvals: before a resolve reads scopes that ask for confirmation, the
 * host's {@link Approver} (the desktop app's prompt) decides; an agent without one (the headless
 * {@code latchkey agent}) leaves the question to the caller's terminal. "Allow for this launch"
 * gives the caller an allowance that only the same process may use again.
 */
final class AgentApprovals {

    /** What a resolve does about approvals. */
    sealed interface Gate {
        /** Read; {@code allowance} (or null) goes back to the caller; {@code approved}: a person said yes. */
        record Proceed(String allowance, boolean approved) implements Gate {
        }

        /** Tell the caller to ask again: with {@code ask} ({@code app}) or after its terminal said yes. */
        record AskFirst(String approver, List<String> scopes) implements Gate {
        }

        /** Nothing is read; {@code why} says so in the activity record (never a value). */
        record Refuse(Resolution.Refused refused, String why) implements Gate {
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** A bound on remembered allowances; ended processes' are dropped first. */
    private static final int MAX_ALLOWANCES = 1024;

    private record Allowance(OptionalLong pid, Set<String> scopes) {
    }

    private final ConfirmScopes confirm;
    private final Clock clock;
    private final Map<String, Allowance> allowances = new ConcurrentHashMap<>();
    private volatile Approver approver;
    private volatile Duration timeout = ApprovalRequest.TIMEOUT;

    AgentApprovals(ConfirmScopes confirm, Clock clock) {
        this.confirm = confirm;
        this.clock = clock;
    }

    void approver(Approver approver) {
        this.approver = approver;
    }

    /** How long a prompt stands; tests shorten it. */
    void timeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** What to do before reading {@code refs}; {@code peer} gives the asking process's id when it is needed. */
    Gate check(Set<SecretRef> refs, String approval, Supplier<OptionalLong> peer) throws BrokerException {
        Set<String> scopes = refs.stream().map(SecretRef::scope).collect(Collectors.toCollection(TreeSet::new));
        Set<String> asking = confirm.among(scopes);
        if (asking.isEmpty()) {
            return new Gate.Proceed(null, false);
        }
        Approver host = approver;
        Allowance held = approval == null ? null : allowances.get(approval);
        if (held != null && held.scopes().containsAll(asking)) {
            OptionalLong pid = peer.get();
            if (held.pid().isEmpty() || held.pid().equals(pid)) {
                return new Gate.Proceed(approval, true);
            }
        }
        if (host == null) {
            return "terminal".equals(approval) ? new Gate.Proceed(null, true) : new Gate.AskFirst("terminal", List.copyOf(asking));
        }
        if (!"ask".equals(approval)) {
            return new Gate.AskFirst("app", List.copyOf(asking));
        }
        OptionalLong pid = peer.get();
        List<SecretRef> asked = refs.stream().filter(r -> asking.contains(r.scope())).toList();
        Decision decision = within(host, new ApprovalRequest(Requester.of(pid), List.copyOf(asking), asked,
                clock.instant(), timeout));
        return switch (decision) {
            case ALLOW_ONCE -> new Gate.Proceed(null, true);
            case ALLOW_FOR_LAUNCH -> new Gate.Proceed(remember(pid, asking), true);
            case DENY -> new Gate.Refuse(ApprovalGate.refused(asked, decision), "denied by the user");
            case TIMED_OUT -> new Gate.Refuse(ApprovalGate.refused(asked, decision), "the prompt timed out");
            case NO_ONE_TO_ASK -> new Gate.Refuse(ApprovalGate.refused(asked, decision), "nobody could be asked");
        };
    }

    /** The host's answer, or {@link Decision#TIMED_OUT} once the request's time is up, whatever the host does. */
    private static Decision within(Approver host, ApprovalRequest request) {
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        Thread asking = Thread.ofVirtual().name("latchkey-approval").start(() -> {
            try {
                answer.complete(host.decide(request));
            } catch (InterruptedException e) {
                answer.complete(Decision.TIMED_OUT);
            } catch (RuntimeException e) {
                answer.complete(Decision.DENY); // a prompt that failed allows nothing
            }
        });
        try {
            return answer.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            asking.interrupt();
            return Decision.TIMED_OUT;
        } catch (InterruptedException e) {
            asking.interrupt();
            Thread.currentThread().interrupt();
            return Decision.TIMED_OUT;
        } catch (ExecutionException e) {
            return Decision.DENY;
        }
    }

    private String remember(OptionalLong pid, Set<String> scopes) {
        if (allowances.size() >= MAX_ALLOWANCES) {
            allowances.values().removeIf(a -> a.pid().isEmpty()
                    || ProcessHandle.of(a.pid().getAsLong()).map(p -> !p.isAlive()).orElse(true));
            if (allowances.size() >= MAX_ALLOWANCES) {
                allowances.clear();
            }
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String allowance = "lka-" + HexFormat.of().formatHex(bytes);
        allowances.put(allowance, new Allowance(pid, Set.copyOf(scopes)));
        return allowance;
    }
}
